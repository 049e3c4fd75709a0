namespace RingKernel.Vulkan.Interop;

internal struct VkSpecializationMapEntry
{
    public uint ConstantId;
    public uint Offset;
    public nuint Size;
}
