namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkPipelineShaderStageCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public uint Stage;
    public ulong Module;
    public byte* PName;
    public VkSpecializationInfo* PSpecializationInfo;
}
