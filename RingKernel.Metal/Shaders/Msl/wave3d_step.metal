// Translated by spirv-cross (--msl --msl-version 30000) from RingKernel.Vulkan/Shaders/Spirv/wave3d_step.spv; do not edit.
// Regenerate: RINGKERNEL_UPDATE_MSL=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Metal.CommittedMslTests
#pragma clang diagnostic ignored "-Wmissing-prototypes"

#include <metal_stdlib>
#include <simd/simd.h>

using namespace metal;

template<typename T>
[[clang::optnone]] T spvFMul(T l, T r)
{
    return fma(l, r, T(0));
}

template<typename T, int Cols, int Rows>
[[clang::optnone]] vec<T, Cols> spvFMulVectorMatrix(vec<T, Rows> v, matrix<T, Cols, Rows> m)
{
    vec<T, Cols> res = vec<T, Cols>(0);
    for (uint i = Rows; i > 0; --i)
    {
        vec<T, Cols> tmp(0);
        for (uint j = 0; j < Cols; ++j)
        {
            tmp[j] = m[j][i - 1];
        }
        res = fma(tmp, vec<T, Cols>(v[i - 1]), res);
    }
    return res;
}

template<typename T, int Cols, int Rows>
[[clang::optnone]] vec<T, Rows> spvFMulMatrixVector(matrix<T, Cols, Rows> m, vec<T, Cols> v)
{
    vec<T, Rows> res = vec<T, Rows>(0);
    for (uint i = Cols; i > 0; --i)
    {
        res = fma(m[i - 1], vec<T, Rows>(v[i - 1]), res);
    }
    return res;
}

template<typename T, int LCols, int LRows, int RCols, int RRows>
[[clang::optnone]] matrix<T, RCols, LRows> spvFMulMatrixMatrix(matrix<T, LCols, LRows> l, matrix<T, RCols, RRows> r)
{
    matrix<T, RCols, LRows> res;
    for (uint i = 0; i < RCols; i++)
    {
        vec<T, RCols> tmp(0);
        for (uint j = 0; j < LCols; j++)
        {
            tmp = fma(vec<T, RCols>(r[i][j]), l[j], tmp);
        }
        res[i] = tmp;
    }
    return res;
}

template<typename T>
[[clang::optnone]] T spvFAdd(T l, T r)
{
    return fma(T(1), l, r);
}

template<typename T>
[[clang::optnone]] T spvFSub(T l, T r)
{
    return fma(T(-1), r, l);
}

struct Arguments
{
    uint width;
    uint height;
    uint depth;
    uint periodic;
    float fixedValue;
    float c2;
};

struct Current
{
    float current[1];
};

struct Previous
{
    float previous[1];
};

constant uint _320_tmp [[function_constant(0)]];
constant uint _320 = is_function_constant_defined(_320_tmp) ? _320_tmp : 1u;
constant uint _321_tmp [[function_constant(1)]];
constant uint _321 = is_function_constant_defined(_321_tmp) ? _321_tmp : 1u;
constant uint _322_tmp [[function_constant(2)]];
constant uint _322 = is_function_constant_defined(_322_tmp) ? _322_tmp : 1u;
constant uint3 gl_WorkGroupSize [[maybe_unused]] = uint3(_320, _321, _322);

static inline __attribute__((always_inline))
float cell(thread int& x, thread int& y, thread int& z, constant Arguments& arguments, const device Current& v_61)
{
    int w = int(arguments.width);
    int h = int(arguments.height);
    int d = int(arguments.depth);
    if ((((((x >= 0) && (x < w)) && (y >= 0)) && (y < h)) && (z >= 0)) && (z < d))
    {
        return v_61.current[(((z * h) + y) * w) + x];
    }
    if (arguments.periodic == 0u)
    {
        return arguments.fixedValue;
    }
    int _89;
    if (x < 0)
    {
        _89 = x + w;
    }
    else
    {
        int _99;
        if (x >= w)
        {
            _99 = x - w;
        }
        else
        {
            _99 = x;
        }
        _89 = _99;
    }
    x = _89;
    int _111;
    if (y < 0)
    {
        _111 = y + h;
    }
    else
    {
        int _121;
        if (y >= h)
        {
            _121 = y - h;
        }
        else
        {
            _121 = y;
        }
        _111 = _121;
    }
    y = _111;
    int _133;
    if (z < 0)
    {
        _133 = z + d;
    }
    else
    {
        int _143;
        if (z >= d)
        {
            _143 = z - d;
        }
        else
        {
            _143 = z;
        }
        _133 = _143;
    }
    z = _133;
    return v_61.current[(((z * h) + y) * w) + x];
}

kernel void main0(constant Arguments& arguments [[buffer(0)]], const device Current& v_61 [[buffer(1)]], device Previous& _233 [[buffer(2)]], uint3 gl_GlobalInvocationID [[thread_position_in_grid]])
{
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    int z = int(gl_GlobalInvocationID.z);
    bool _188 = x >= int(arguments.width);
    bool _197;
    if (!_188)
    {
        _197 = y >= int(arguments.height);
    }
    else
    {
        _197 = _188;
    }
    bool _206;
    if (!_197)
    {
        _206 = z >= int(arguments.depth);
    }
    else
    {
        _206 = _197;
    }
    if (_206)
    {
        return;
    }
    int at = (((z * int(arguments.height)) + y) * int(arguments.width)) + x;
    float u = v_61.current[at];
    float old = _233.previous[at];
    int param = x - 1;
    int param_1 = y;
    int param_2 = z;
    float _245 = cell(param, param_1, param_2, arguments, v_61);
    float xMinus = _245;
    int param_3 = x + 1;
    int param_4 = y;
    int param_5 = z;
    float _254 = cell(param_3, param_4, param_5, arguments, v_61);
    float xPlus = _254;
    int param_6 = x;
    int param_7 = y - 1;
    int param_8 = z;
    float _263 = cell(param_6, param_7, param_8, arguments, v_61);
    float yMinus = _263;
    int param_9 = x;
    int param_10 = y + 1;
    int param_11 = z;
    float _272 = cell(param_9, param_10, param_11, arguments, v_61);
    float yPlus = _272;
    int param_12 = x;
    int param_13 = y;
    int param_14 = z - 1;
    float _281 = cell(param_12, param_13, param_14, arguments, v_61);
    float zMinus = _281;
    int param_15 = x;
    int param_16 = y;
    int param_17 = z + 1;
    float _290 = cell(param_15, param_16, param_17, arguments, v_61);
    float zPlus = _290;
    float result = spvFAdd(spvFSub(spvFMul(2.0, u), old), spvFMul(arguments.c2, spvFSub(spvFAdd(spvFAdd(spvFAdd(spvFAdd(spvFAdd(xMinus, xPlus), yMinus), yPlus), zMinus), zPlus), spvFMul(6.0, u))));
    _233.previous[at] = result;
}

