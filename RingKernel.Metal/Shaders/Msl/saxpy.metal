// Translated by spirv-cross (--msl --msl-version 30000) from RingKernel.Vulkan/Shaders/Spirv/saxpy.spv; do not edit.
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

struct Arguments
{
    uint n;
    float a;
};

struct X
{
    float x[1];
};

struct Y
{
    float y[1];
};

constant uint _57_tmp [[function_constant(0)]];
constant uint _57 = is_function_constant_defined(_57_tmp) ? _57_tmp : 1u;
constant uint _58_tmp [[function_constant(1)]];
constant uint _58 = is_function_constant_defined(_58_tmp) ? _58_tmp : 1u;
constant uint _59_tmp [[function_constant(2)]];
constant uint _59 = is_function_constant_defined(_59_tmp) ? _59_tmp : 1u;
constant uint3 gl_WorkGroupSize [[maybe_unused]] = uint3(_57, _58, _59);

kernel void main0(constant Arguments& arguments [[buffer(0)]], const device X& _40 [[buffer(1)]], device Y& _49 [[buffer(2)]], uint3 gl_GlobalInvocationID [[thread_position_in_grid]])
{
    uint i = gl_GlobalInvocationID.x;
    if (i >= arguments.n)
    {
        return;
    }
    float result = spvFAdd(spvFMul(arguments.a, _40.x[i]), _49.y[i]);
    _49.y[i] = result;
}

