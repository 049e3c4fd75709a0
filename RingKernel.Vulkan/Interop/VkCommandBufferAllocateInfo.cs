namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkCommandBufferAllocateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public ulong CommandPool;
    public uint Level;
    public uint CommandBufferCount;
}
