using System.Runtime.InteropServices;

namespace RingKernel.Vulkan.Interop;

[StructLayout(LayoutKind.Explicit, Size = 824)]
internal unsafe struct VkPhysicalDeviceProperties
{
    public const int MaxNameSize = 256;

    [FieldOffset(0)] public uint ApiVersion;
    [FieldOffset(4)] public uint DriverVersion;
    [FieldOffset(8)] public uint VendorId;
    [FieldOffset(12)] public uint DeviceId;
    [FieldOffset(16)] public uint DeviceType;
    [FieldOffset(20)] public fixed byte DeviceName[MaxNameSize];
    [FieldOffset(276)] public fixed byte PipelineCacheUuid[16];
    [FieldOffset(296)] public VkPhysicalDeviceLimits Limits;
}
