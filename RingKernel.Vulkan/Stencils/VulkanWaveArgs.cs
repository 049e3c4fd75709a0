using RingKernel.Memory;

namespace RingKernel.Vulkan.Stencils;

/// <summary>One wave step reads <see cref="Previous"/> and <see cref="Current"/> and writes the new level over <see cref="Previous"/>: two distinct float fields over the equation's grid.</summary>
public readonly record struct VulkanWaveArgs(DeviceBuffer Previous, DeviceBuffer Current);
