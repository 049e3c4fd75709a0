namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkTimelineSemaphoreSubmitInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint WaitSemaphoreValueCount;
    public ulong* PWaitSemaphoreValues;
    public uint SignalSemaphoreValueCount;
    public ulong* PSignalSemaphoreValues;
}
