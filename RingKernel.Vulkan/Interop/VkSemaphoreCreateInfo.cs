namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkSemaphoreCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
}
