namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkSubmitInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint WaitSemaphoreCount;
    public ulong* PWaitSemaphores;
    public uint* PWaitDstStageMask;
    public uint CommandBufferCount;
    public nint* PCommandBuffers;
    public uint SignalSemaphoreCount;
    public ulong* PSignalSemaphores;
}
