namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkPipelineLayoutCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public uint SetLayoutCount;
    public ulong* PSetLayouts;
    public uint PushConstantRangeCount;
    public VkPushConstantRange* PPushConstantRanges;
}
