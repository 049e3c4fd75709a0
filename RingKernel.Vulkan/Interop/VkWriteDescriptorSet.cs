namespace RingKernel.Vulkan.Interop;

// Mirrors the C struct field for field; members the backend leaves zero are never assigned.
#pragma warning disable CS0649

internal unsafe struct VkWriteDescriptorSet
{
    public VkStructureType SType;
    public void* PNext;
    public ulong DstSet;
    public uint DstBinding;
    public uint DstArrayElement;
    public uint DescriptorCount;
    public uint DescriptorType;
    public void* PImageInfo;
    public VkDescriptorBufferInfo* PBufferInfo;
    public ulong* PTexelBufferView;
}
