namespace RingKernel.Vulkan.Kernels;

/// <summary>
/// Maps one dispatch's arguments onto a Vulkan body's resources: sets every storage buffer binding
/// and writes the push constants. Called on the dispatching thread just before the work is recorded.
/// </summary>
public delegate void VulkanArgumentBinder<in TArgs>(TArgs args, VulkanBindings bindings);
