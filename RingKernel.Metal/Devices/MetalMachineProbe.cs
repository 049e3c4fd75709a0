using System.Runtime.InteropServices;
using RingKernel.Metal.Interop;

namespace RingKernel.Metal.Devices;

/// <summary>
/// Whether this machine can run the Metal backend: macOS, the Objective-C runtime and the Metal
/// framework, a default device, and that device in the Metal 3 family; what is missing otherwise.
/// </summary>
internal static class MetalMachineProbe
{
    /// <summary>What a device offers, as far as the probe asks.</summary>
    internal readonly record struct DeviceFacts(string Name, bool SupportsMetal3);

    /// <summary>Null when the backend can run here; otherwise what is missing.</summary>
    public static string? Run() =>
        Run(OperatingSystem.IsMacOS(), RuntimeInformation.OSDescription, MetalNativeLibraries.TryLoad, QueryDefaultDevice);

    /// <summary>The probe over its facts: the operating system, loading a library by path, and the default device (null: none).</summary>
    internal static string? Run(bool isMacOS, string operatingSystem, Func<string, bool> tryLoad, Func<DeviceFacts?> defaultDevice)
    {
        if (!isMacOS)
            return $"Metal runs on macOS only, and this is {operatingSystem}; run scripts/metal-proof.sh on a Mac, or use the vulkan or cuda backend here";
        if (MetalNativeLibraries.Probe(tryLoad) is { } missing)
            return $"{missing}; the Metal backend needs macOS 13 or later";
        if (defaultDevice() is not { } device)
            return "MTLCreateSystemDefaultDevice found no Metal device (a virtual machine or a session without GPU access has none)";
        if (!device.SupportsMetal3)
            return $"the Metal device '{device.Name}' is not in the Metal 3 family (Apple silicon, or a Metal 3 GPU on macOS 13 or later), whose buffer GPU addresses the ring and halo kernels follow";
        return null;
    }

    private static DeviceFacts? QueryDefaultDevice()
    {
        using MetalDevice? device = MetalDevice.OpenDefault();
        return device is null ? null : new DeviceFacts(device.Name, device.SupportsMetal3);
    }
}
