namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkPhysicalDeviceBufferDeviceAddressFeatures
{
    public VkStructureType SType;
    public void* PNext;
    public uint BufferDeviceAddress;
    public uint BufferDeviceAddressCaptureReplay;
    public uint BufferDeviceAddressMultiDevice;
}
