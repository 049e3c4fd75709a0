namespace RingKernel.Vulkan.Interop;

internal struct VkDescriptorPoolSize
{
    public uint Type;
    public uint DescriptorCount;
}
