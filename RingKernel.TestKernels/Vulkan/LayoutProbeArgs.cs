using RingKernel.Memory;

namespace RingKernel.TestKernels.Vulkan;

/// <summary>
/// Arguments of <see cref="VulkanKernels.LayoutProbe"/>: a buffer holding one ControlBlock, and one
/// with room for <see cref="Count"/> MessageHeaders, each written with type <see cref="TypeId"/>.
/// </summary>
public readonly record struct LayoutProbeArgs(DeviceBuffer Control, DeviceBuffer Messages, int Count, uint TypeId);
