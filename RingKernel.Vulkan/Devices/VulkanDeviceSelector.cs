namespace RingKernel.Vulkan.Devices;

/// <summary>Chooses the physical device a backend opens, from <see cref="VulkanBackendOptions"/>.</summary>
internal static class VulkanDeviceSelector
{
    public static VulkanPhysicalDevice Select(IReadOnlyList<VulkanPhysicalDevice> devices, VulkanBackendOptions options)
    {
        if (options.DeviceIndex is int index)
        {
            if ((uint)index >= (uint)devices.Count)
                throw new ArgumentOutOfRangeException(nameof(options), index, $"There is no Vulkan device #{index}; the devices are: {List(devices)}.");
            VulkanPhysicalDevice chosen = devices[index];
            if (!chosen.Info.IsSuitable)
                throw new ArgumentException($"Vulkan device #{index} ({chosen.Info.Name}) cannot run the backend: {chosen.Info.UnsuitableReason}.", nameof(options));
            if (options.DeviceName is { } name && !Matches(chosen, name))
                throw new ArgumentException($"Vulkan device #{index} is {chosen.Info.Name}, whose name does not contain '{name}'.", nameof(options));
            return chosen;
        }

        IEnumerable<VulkanPhysicalDevice> candidates = devices.Where(d => d.Info.IsSuitable);
        if (options.DeviceName is { } wanted)
        {
            candidates = candidates.Where(d => Matches(d, wanted));
            return candidates.FirstOrDefault()
                ?? throw new ArgumentException($"No suitable Vulkan device's name contains '{wanted}'; the devices are: {List(devices)}.", nameof(options));
        }

        return candidates.OrderBy(d => Preference(d.Info.Type)).FirstOrDefault()
            ?? throw new InvalidOperationException($"No Vulkan device can run the backend; the devices are: {List(devices)}.");
    }

    private static bool Matches(VulkanPhysicalDevice device, string name) =>
        device.Info.Name.Contains(name, StringComparison.OrdinalIgnoreCase);

    private static int Preference(VulkanDeviceType type) => type switch
    {
        VulkanDeviceType.DiscreteGpu => 0,
        VulkanDeviceType.IntegratedGpu => 1,
        VulkanDeviceType.VirtualGpu => 2,
        _ => 3,
    };

    private static string List(IReadOnlyList<VulkanPhysicalDevice> devices) =>
        devices.Count == 0 ? "none" : string.Join("; ", devices.Select(d => d.Info.ToString()));
}
