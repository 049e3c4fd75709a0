namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkCommandBufferBeginInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public void* PInheritanceInfo;
}
