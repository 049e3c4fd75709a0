using System.Runtime.InteropServices;

namespace RingKernel.Metal.Interop;

/// <summary>The Metal framework's C functions the backend calls (Metal/MTLDevice.h).</summary>
internal static partial class MetalFramework
{
    static MetalFramework() => MetalNativeLibraries.EnsureResolver();

    /// <summary>The system's default device, retained (+1, a "Create" function); 0 when the machine has none.</summary>
    [LibraryImport(MetalNativeLibraries.Metal, EntryPoint = "MTLCreateSystemDefaultDevice")]
    public static partial nint CreateSystemDefaultDevice();
}
