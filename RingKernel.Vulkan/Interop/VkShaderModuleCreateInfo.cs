namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkShaderModuleCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public nuint CodeSize;
    public uint* PCode;
}
