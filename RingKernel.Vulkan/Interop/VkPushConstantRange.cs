namespace RingKernel.Vulkan.Interop;

internal struct VkPushConstantRange
{
    public uint StageFlags;
    public uint Offset;
    public uint Size;
}
