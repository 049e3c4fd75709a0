namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkMemoryAllocateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public ulong AllocationSize;
    public uint MemoryTypeIndex;
}
