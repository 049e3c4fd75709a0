namespace RingKernel.Vulkan.Interop;

internal struct VkDescriptorBufferInfo
{
    public ulong Buffer;
    public ulong Offset;
    public ulong Range;
}
