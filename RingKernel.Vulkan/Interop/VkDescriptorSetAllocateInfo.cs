namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkDescriptorSetAllocateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public ulong DescriptorPool;
    public uint DescriptorSetCount;
    public ulong* PSetLayouts;
}
