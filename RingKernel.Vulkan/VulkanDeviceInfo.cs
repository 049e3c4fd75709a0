namespace RingKernel.Vulkan;

/// <summary>
/// One Vulkan physical device as the loader enumerates it. <see cref="IsSuitable"/> says whether
/// the backend can run on it; when not, <see cref="UnsuitableReason"/> says why.
/// </summary>
/// <param name="Index">Its position in the loader's enumeration, for <see cref="VulkanBackendOptions.DeviceIndex"/>.</param>
/// <param name="Name">The driver's device name, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</param>
/// <param name="Type">GPU (discrete, integrated, virtual) or CPU driver.</param>
/// <param name="ApiVersion">The Vulkan version the device implements.</param>
/// <param name="VendorId">PCI vendor id (0x10DE NVIDIA, 0x1002 AMD, 0x8086 Intel; 0x10005 Mesa).</param>
/// <param name="DeviceId">The vendor's device id.</param>
/// <param name="UnsuitableReason">Why the backend cannot run on it; null when it can.</param>
public sealed record VulkanDeviceInfo(
    int Index,
    string Name,
    VulkanDeviceType Type,
    Version ApiVersion,
    uint VendorId,
    uint DeviceId,
    string? UnsuitableReason)
{
    public bool IsSuitable => UnsuitableReason is null;

    public override string ToString() =>
        $"#{Index} {Name} ({Type}, Vulkan {ApiVersion}){(UnsuitableReason is null ? "" : $" unsuitable: {UnsuitableReason}")}";
}
