using System.Runtime.InteropServices;
using RingKernel.Backends;
using RingKernel.Metal;
using RingKernel.Metal.Devices;
using RingKernel.Metal.Interop;

namespace RingKernel.Tests.Metal;

/// <summary>
/// Whether the Metal backend can run, and the reason it gives when it cannot: the probe over each fact
/// it checks, and on a machine other than a Mac the reason the backend and its construction give.
/// </summary>
public sealed class MetalAvailabilityTests
{
    private static readonly MetalMachineProbe.DeviceFacts Metal3Device = new("Apple M2", SupportsMetal3: true);

    [Fact]
    public void OffMacOSTheReasonNamesTheSystemAndWhereMetalRuns()
    {
        string? reason = MetalMachineProbe.Run(isMacOS: false, "Debian GNU/Linux 12", _ => throw new InvalidOperationException("no library is loaded off macOS"), () => throw new InvalidOperationException("no device is asked for off macOS"));

        Assert.Equal("Metal runs on macOS only, and this is Debian GNU/Linux 12; run scripts/metal-proof.sh on a Mac, or use the vulkan or cuda backend here", reason);
    }

    [Fact]
    public void OnMacOSEachMissingPieceIsNamed()
    {
        Assert.Equal("the Objective-C runtime (/usr/lib/libobjc.A.dylib) could not be loaded; the Metal backend needs macOS 13 or later",
            MetalMachineProbe.Run(true, "Darwin 22.1.0", _ => false, () => Metal3Device));
        Assert.Equal("the Metal framework (/System/Library/Frameworks/Metal.framework/Metal) could not be loaded; the Metal backend needs macOS 13 or later",
            MetalMachineProbe.Run(true, "Darwin 22.1.0", path => path == MetalNativeLibraries.ObjCPath, () => Metal3Device));
        Assert.Equal("MTLCreateSystemDefaultDevice found no Metal device (a virtual machine or a session without GPU access has none)",
            MetalMachineProbe.Run(true, "Darwin 22.1.0", _ => true, () => null));
        Assert.Equal("the Metal device 'AMD Radeon Pro 560' is not in the Metal 3 family (Apple silicon, or a Metal 3 GPU on macOS 13 or later), whose buffer GPU addresses the ring and halo kernels follow",
            MetalMachineProbe.Run(true, "Darwin 22.1.0", _ => true, () => new MetalMachineProbe.DeviceFacts("AMD Radeon Pro 560", SupportsMetal3: false)));
        Assert.Null(MetalMachineProbe.Run(true, "Darwin 22.1.0", _ => true, () => Metal3Device));
    }

    [SkippableFact]
    public void OffMacOSTheBackendIsUnavailableAndSaysWhy()
    {
        Skip.If(OperatingSystem.IsMacOS(), "this machine is a Mac; the Metal tests run here instead");

        Assert.False(MetalBackend.IsAvailable);
        Assert.Equal(MetalMachineProbe.Run(false, RuntimeInformation.OSDescription, _ => false, () => null), MetalBackend.UnavailableReason);
        var refused = Assert.Throws<BackendUnavailableException>(() => new MetalBackend());
        Assert.Equal(("metal", MetalBackend.UnavailableReason), (refused.Backend, refused.Reason));
    }
}
