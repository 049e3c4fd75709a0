namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkDescriptorSetLayoutCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public uint BindingCount;
    public VkDescriptorSetLayoutBinding* PBindings;
}
