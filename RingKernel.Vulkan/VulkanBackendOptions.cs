namespace RingKernel.Vulkan;

/// <summary>
/// Which device a <see cref="VulkanBackend"/> opens. With neither option set it takes the first
/// suitable device, preferring a discrete GPU, then an integrated one, then any other (lavapipe).
/// </summary>
public sealed record VulkanBackendOptions
{
    /// <summary>The device at this index of <see cref="VulkanBackend.EnumerateDevices"/>.</summary>
    public int? DeviceIndex { get; init; }

    /// <summary>The first suitable device whose name contains this text (case-insensitive).</summary>
    public string? DeviceName { get; init; }
}
