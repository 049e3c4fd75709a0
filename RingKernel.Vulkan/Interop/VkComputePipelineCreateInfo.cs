namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkComputePipelineCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public VkPipelineShaderStageCreateInfo Stage;
    public ulong Layout;
    public ulong BasePipelineHandle;
    public int BasePipelineIndex;
}
