namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkFenceCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
}
