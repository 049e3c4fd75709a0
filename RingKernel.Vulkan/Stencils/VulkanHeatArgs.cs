using RingKernel.Memory;

namespace RingKernel.Vulkan.Stencils;

/// <summary>One heat step reads <see cref="Current"/> and writes <see cref="Next"/>: two distinct float fields over the equation's grid.</summary>
public readonly record struct VulkanHeatArgs(DeviceBuffer Current, DeviceBuffer Next);
