namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkSemaphoreSignalInfo
{
    public VkStructureType SType;
    public void* PNext;
    public ulong Semaphore;
    public ulong Value;
}
