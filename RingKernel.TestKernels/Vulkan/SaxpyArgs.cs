using RingKernel.Memory;

namespace RingKernel.TestKernels.Vulkan;

/// <summary>Arguments of <see cref="VulkanKernels.Saxpy"/>: <c>Y[i] = A * X[i] + Y[i]</c> for i below <see cref="Count"/>.</summary>
public readonly record struct SaxpyArgs(DeviceBuffer X, DeviceBuffer Y, int Count, float A);
