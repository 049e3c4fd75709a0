namespace RingKernel.Vulkan;

/// <summary>What kind of device a Vulkan physical device is (VkPhysicalDeviceType).</summary>
public enum VulkanDeviceType
{
    Other = 0,
    IntegratedGpu = 1,
    DiscreteGpu = 2,
    VirtualGpu = 3,
    /// <summary>A driver that runs on the processor, such as Mesa's lavapipe (llvmpipe).</summary>
    Cpu = 4,
}
