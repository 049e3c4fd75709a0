using RingKernel.Backends;
using RingKernel.Vulkan;

namespace RingKernel.Tests.Vulkan;

/// <summary>Devices are enumerated and chosen by index or by name; a bad choice says what exists.</summary>
public sealed class VulkanDeviceSelectionTests
{
    [SkippableFact]
    public void EnumeratedDevicesIncludeTheDefaultDeviceWhichIsSuitable()
    {
        VulkanFacts.SkipUnlessAvailable();
        IReadOnlyList<VulkanDeviceInfo> devices = VulkanBackend.EnumerateDevices();
        using var backend = new VulkanBackend();

        Assert.Contains(backend.Device, devices);
        Assert.True(backend.Device.IsSuitable);
        Assert.True(backend.Device.ApiVersion >= new Version(1, 2));
        Assert.Equal("vulkan", backend.Name);
        Assert.True(((IComputeBackend)backend).IsAvailable);
        Assert.Null(VulkanBackend.UnavailableReason);
    }

    [SkippableFact]
    public void ADeviceIsChosenByIndexOrByAnyCaseOfPartOfItsName()
    {
        VulkanFacts.SkipUnlessAvailable();
        VulkanDeviceInfo suitable = VulkanBackend.EnumerateDevices().First(d => d.IsSuitable);
        string part = suitable.Name[..Math.Min(4, suitable.Name.Length)];

        using var byIndex = new VulkanBackend(new VulkanBackendOptions { DeviceIndex = suitable.Index });
        using var byName = new VulkanBackend(new VulkanBackendOptions { DeviceName = part.ToUpperInvariant() });

        Assert.Equal(suitable, byIndex.Device);
        Assert.Contains(part, byName.Device.Name, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public void ABadIndexOrNameFailsNamingTheDevicesThatExist()
    {
        VulkanFacts.SkipUnlessAvailable();
        IReadOnlyList<VulkanDeviceInfo> devices = VulkanBackend.EnumerateDevices();

        var badIndex = Assert.Throws<ArgumentOutOfRangeException>(() => new VulkanBackend(new VulkanBackendOptions { DeviceIndex = devices.Count }));
        var badName = Assert.Throws<ArgumentException>(() => new VulkanBackend(new VulkanBackendOptions { DeviceName = "no such device 7f3a" }));

        Assert.Contains($"There is no Vulkan device #{devices.Count}", badIndex.Message, StringComparison.Ordinal);
        Assert.Contains(devices[0].Name, badIndex.Message, StringComparison.Ordinal);
        Assert.Contains("'no such device 7f3a'", badName.Message, StringComparison.Ordinal);
        Assert.Contains(devices[0].Name, badName.Message, StringComparison.Ordinal);
    }
}
