namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkBufferDeviceAddressInfo
{
    public VkStructureType SType;
    public void* PNext;
    public ulong Buffer;
}
