namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkBufferCreateInfo
{
    public VkStructureType SType;
    public void* PNext;
    public uint Flags;
    public ulong Size;
    public uint Usage;
    public uint SharingMode;
    public uint QueueFamilyIndexCount;
    public uint* PQueueFamilyIndices;
}
