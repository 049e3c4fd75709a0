namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkMemoryAllocateFlagsInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public uint DeviceMask;
}
