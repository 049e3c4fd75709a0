using System.Runtime.InteropServices;

namespace RingKernel.Vulkan.Interop;

/// <summary>The 55 VkBool32 feature flags of Vulkan 1.0; the backend names the ones it enables.</summary>
[StructLayout(LayoutKind.Explicit, Size = 220)]
internal struct VkPhysicalDeviceFeatures
{
    [FieldOffset(160)] public uint ShaderInt64;
}
