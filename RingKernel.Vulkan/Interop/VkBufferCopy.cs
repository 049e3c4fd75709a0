namespace RingKernel.Vulkan.Interop;

internal struct VkBufferCopy
{
    public ulong SrcOffset;
    public ulong DstOffset;
    public ulong Size;
}
