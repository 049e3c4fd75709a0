namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkPhysicalDeviceTimelineSemaphoreFeatures
{
    public VkStructureType SType;
    public void* PNext;
    public uint TimelineSemaphore;
}
