namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkPhysicalDeviceFeatures2
{
    public VkStructureType SType;
    public void* PNext;
    public VkPhysicalDeviceFeatures Features;
}
