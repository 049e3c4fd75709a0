namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkMemoryBarrier
{
    public VkStructureType SType;
    public void* PNext;
    public uint SrcAccessMask;
    public uint DstAccessMask;
}
