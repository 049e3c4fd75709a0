using RingKernel.Memory;

namespace RingKernel.TestKernels.Vulkan;

/// <summary>
/// Arguments of <see cref="VulkanKernels.ReduceSum"/>: <see cref="Count"/> uints in <see cref="Input"/>;
/// <see cref="Sums"/> receives the total at index 0 (added to what is there) and each workgroup's partial sum at 1 + its index.
/// </summary>
public readonly record struct ReduceSumArgs(DeviceBuffer Input, DeviceBuffer Sums, int Count);
