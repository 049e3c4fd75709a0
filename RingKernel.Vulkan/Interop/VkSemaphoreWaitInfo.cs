namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkSemaphoreWaitInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public uint SemaphoreCount;
    public ulong* PSemaphores;
    public ulong* PValues;
}
