namespace RingKernel.Vulkan.Interop;

// Mirrors the C struct field for field; members the backend leaves zero are never assigned.
#pragma warning disable CS0649

internal unsafe struct VkDescriptorSetLayoutBinding
{
    public uint Binding;
    public uint DescriptorType;
    public uint DescriptorCount;
    public uint StageFlags;
    public ulong* PImmutableSamplers;
}
