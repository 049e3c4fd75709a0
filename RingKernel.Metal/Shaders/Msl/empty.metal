// Translated by spirv-cross (--msl --msl-version 30000) from RingKernel.Vulkan/Shaders/Spirv/empty.spv; do not edit.
// Regenerate: RINGKERNEL_UPDATE_MSL=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Metal.CommittedMslTests
#include <metal_stdlib>
#include <simd/simd.h>

using namespace metal;

constant uint _7_tmp [[function_constant(0)]];
constant uint _7 = is_function_constant_defined(_7_tmp) ? _7_tmp : 1u;
constant uint _8_tmp [[function_constant(1)]];
constant uint _8 = is_function_constant_defined(_8_tmp) ? _8_tmp : 1u;
constant uint _9_tmp [[function_constant(2)]];
constant uint _9 = is_function_constant_defined(_9_tmp) ? _9_tmp : 1u;
constant uint3 gl_WorkGroupSize [[maybe_unused]] = uint3(_7, _8, _9);

kernel void main0()
{
}

