namespace RingKernel.Vulkan.Interop;

internal struct VkMemoryHeap
{
    public ulong Size;
    public uint Flags;
}
