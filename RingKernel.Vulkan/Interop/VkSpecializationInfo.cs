namespace RingKernel.Vulkan.Interop;

internal unsafe struct VkSpecializationInfo
{
    public uint MapEntryCount;
    public VkSpecializationMapEntry* PMapEntries;
    public nuint DataSize;
    public void* PData;
}
