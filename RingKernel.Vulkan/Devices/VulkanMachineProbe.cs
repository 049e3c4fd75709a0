using RingKernel.Vulkan.Interop;
using Silk.NET.Core.Loader;
using Silk.NET.Vulkan;

namespace RingKernel.Vulkan.Devices;

/// <summary>
/// Whether this machine can run the Vulkan backend: a loader, a driver and at least one suitable
/// device; what is missing otherwise, with what to install.
/// </summary>
internal static class VulkanMachineProbe
{
    /// <summary>Null when the backend can run here; otherwise what is missing, including what to install.</summary>
    public static string? Run()
    {
        if (!VulkanLibrary.TryLoad(out string? reason))
            return reason;
        try
        {
            using var instance = new VulkanInstance();
            if (instance.PhysicalDevices.Count == 0)
                return $"the Vulkan loader found no device: {VulkanLibrary.InstallHint}";
            if (!instance.PhysicalDevices.Any(d => d.Info.IsSuitable))
                return $"no Vulkan device can run the backend ({string.Join("; ", instance.PhysicalDevices.Select(d => d.Info))}): {VulkanLibrary.InstallHint}";
            return null;
        }
        catch (VulkanException e) when (e.Result == (int)Result.ErrorIncompatibleDriver)
        {
            return $"the Vulkan loader found no driver ({e.Message}): {VulkanLibrary.InstallHint}";
        }
        catch (Exception e) when (e is VulkanException or NotSupportedException or SymbolLoadingException)
        {
            return $"{e.Message}: {VulkanLibrary.InstallHint}";
        }
    }
}
