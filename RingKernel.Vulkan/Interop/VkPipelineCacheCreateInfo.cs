namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkPipelineCacheCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public nuint InitialDataSize;
    public void* PInitialData;
}
