namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkSemaphoreTypeCreateInfo
{
    public const uint Timeline = 1;

    public VkStructureType SType;
    public void* PNext;
    public uint SemaphoreType;
    public ulong InitialValue;
}
