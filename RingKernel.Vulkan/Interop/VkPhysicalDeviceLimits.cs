using System.Runtime.InteropServices;

namespace RingKernel.Vulkan.Interop;

/// <summary>The limits the backend reads, at their offsets in the 504-byte C struct (x64 and arm64).</summary>
[StructLayout(LayoutKind.Explicit, Size = 504)]
internal unsafe struct VkPhysicalDeviceLimits
{
    [FieldOffset(28)] public uint MaxStorageBufferRange;
    [FieldOffset(32)] public uint MaxPushConstantsSize;
    [FieldOffset(216)] public uint MaxComputeSharedMemorySize;
    [FieldOffset(220)] public fixed uint MaxComputeWorkGroupCount[3];
    [FieldOffset(232)] public uint MaxComputeWorkGroupInvocations;
    [FieldOffset(236)] public fixed uint MaxComputeWorkGroupSize[3];
    [FieldOffset(304)] public nuint MinMemoryMapAlignment;
}
