// Translated by spirv-cross (--msl --msl-version 30000) from RingKernel.Vulkan/Shaders/Spirv/heat2d_step.spv; do not edit.
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
    uint periodic;
    float fixedValue;
    float alpha;
};

struct Current
{
    float current[1];
};

struct Next
{
    float next[1];
};

constant uint _223_tmp [[function_constant(0)]];
constant uint _223 = is_function_constant_defined(_223_tmp) ? _223_tmp : 1u;
constant uint _224_tmp [[function_constant(1)]];
constant uint _224 = is_function_constant_defined(_224_tmp) ? _224_tmp : 1u;
constant uint _225_tmp [[function_constant(2)]];
constant uint _225 = is_function_constant_defined(_225_tmp) ? _225_tmp : 1u;
constant uint3 gl_WorkGroupSize [[maybe_unused]] = uint3(_223, _224, _225);

static inline __attribute__((always_inline))
float cell(thread int& x, thread int& y, constant Arguments& arguments, const device Current& v_48)
{
    int w = int(arguments.width);
    int h = int(arguments.height);
    if ((((x >= 0) && (x < w)) && (y >= 0)) && (y < h))
    {
        return v_48.current[(y * w) + x];
    }
    if (arguments.periodic == 0u)
    {
        return arguments.fixedValue;
    }
    int _72;
    if (x < 0)
    {
        _72 = x + w;
    }
    else
    {
        int _82;
        if (x >= w)
        {
            _82 = x - w;
        }
        else
        {
            _82 = x;
        }
        _72 = _82;
    }
    x = _72;
    int _94;
    if (y < 0)
    {
        _94 = y + h;
    }
    else
    {
        int _104;
        if (y >= h)
        {
            _104 = y - h;
        }
        else
        {
            _104 = y;
        }
        _94 = _104;
    }
    y = _94;
    return v_48.current[(y * w) + x];
}

kernel void main0(constant Arguments& arguments [[buffer(0)]], const device Current& v_48 [[buffer(1)]], device Next& _213 [[buffer(2)]], uint3 gl_GlobalInvocationID [[thread_position_in_grid]])
{
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    bool _140 = x >= int(arguments.width);
    bool _149;
    if (!_140)
    {
        _149 = y >= int(arguments.height);
    }
    else
    {
        _149 = _140;
    }
    if (_149)
    {
        return;
    }
    float u = v_48.current[(y * int(arguments.width)) + x];
    int param = x - 1;
    int param_1 = y;
    float _170 = cell(param, param_1, arguments, v_48);
    float west = _170;
    int param_2 = x + 1;
    int param_3 = y;
    float _177 = cell(param_2, param_3, arguments, v_48);
    float east = _177;
    int param_4 = x;
    int param_5 = y - 1;
    float _184 = cell(param_4, param_5, arguments, v_48);
    float north = _184;
    int param_6 = x;
    int param_7 = y + 1;
    float _191 = cell(param_6, param_7, arguments, v_48);
    float south = _191;
    float result = spvFAdd(u, spvFMul(arguments.alpha, spvFSub(spvFAdd(spvFAdd(spvFAdd(west, east), north), south), spvFMul(4.0, u))));
    _213.next[(y * int(arguments.width)) + x] = result;
}

