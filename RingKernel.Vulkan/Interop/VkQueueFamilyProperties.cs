namespace RingKernel.Vulkan.Interop;

internal struct VkQueueFamilyProperties
{
    public uint QueueFlags;
    public uint QueueCount;
    public uint TimestampValidBits;
    public uint MinImageTransferGranularityWidth;
    public uint MinImageTransferGranularityHeight;
    public uint MinImageTransferGranularityDepth;
}
