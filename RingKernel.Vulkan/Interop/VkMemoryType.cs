namespace RingKernel.Vulkan.Interop;

internal struct VkMemoryType
{
    public uint PropertyFlags;
    public uint HeapIndex;
}
