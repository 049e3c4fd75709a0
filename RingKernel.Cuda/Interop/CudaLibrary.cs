using System.Reflection;
using System.Runtime.InteropServices;

namespace RingKernel.Cuda.Interop;

/// <summary>
/// The one place the CUDA driver (libcuda) and NVRTC are found: a DllImport resolver for this
/// assembly maps <see cref="DriverName"/> and <see cref="NvrtcName"/> to the platform's files. The
/// driver comes with the NVIDIA kernel driver; NVRTC with the CUDA toolkit (or its redistributable),
/// whose file name carries its version, so a list of versions is probed, then the toolkit folders.
/// </summary>
internal static class CudaLibrary
{
    public const string DriverName = "cuda";

    public const string NvrtcName = "nvrtc";

    private static readonly LibraryProbeResult Driver;
    private static readonly LibraryProbeResult Nvrtc;

    static CudaLibrary()
    {
        Driver = NativeLibraryProbe.Probe(DriverCandidates(OperatingSystem.IsWindows()), TryLoad, "no NVIDIA driver");
        Nvrtc = NativeLibraryProbe.Probe(NvrtcCandidates(OperatingSystem.IsWindows(), ToolkitFolders()), TryLoad, "no NVRTC (install the CUDA toolkit or its NVRTC redistributable)");
        NativeLibrary.SetDllImportResolver(typeof(CudaLibrary).Assembly, Resolve);
    }

    /// <summary>True when libcuda loaded; <paramref name="reason"/> says what is missing otherwise.</summary>
    public static bool TryLoadDriver(out string? reason)
    {
        reason = Driver.FailureReason;
        return Driver.IsLoaded;
    }

    /// <summary>True when NVRTC loaded; <paramref name="reason"/> says what is missing otherwise.</summary>
    public static bool TryLoadNvrtc(out string? reason)
    {
        reason = Nvrtc.FailureReason;
        return Nvrtc.IsLoaded;
    }

    /// <summary>The driver library files, in probing order.</summary>
    public static IReadOnlyList<string> DriverCandidates(bool windows) =>
        windows ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"];

    /// <summary>NVRTC files, newest version first, by bare name and then inside each toolkit folder.</summary>
    public static IReadOnlyList<string> NvrtcCandidates(bool windows, IEnumerable<string> toolkitFolders)
    {
        string[] names = windows
            ? ["nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll", "nvrtc64_111_0.dll", "nvrtc64_110_0.dll"]
            : ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0", "libnvrtc.so"];
        var candidates = new List<string>(names);
        foreach (string folder in toolkitFolders)
        {
            foreach (string name in names)
                candidates.Add(Path.Combine(folder, name));
        }

        return candidates;
    }

    /// <summary>Library folders of a CUDA toolkit: $CUDA_PATH and $CUDA_HOME, then /usr/local/cuda.</summary>
    private static IEnumerable<string> ToolkitFolders()
    {
        string sub = OperatingSystem.IsWindows() ? "bin" : "lib64";
        foreach (string variable in (string[])["CUDA_PATH", "CUDA_HOME"])
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } root)
                yield return Path.Combine(root, sub);
        }

        if (!OperatingSystem.IsWindows())
            yield return "/usr/local/cuda/lib64";
    }

    private static nint TryLoad(string file) =>
        NativeLibrary.TryLoad(file, typeof(CudaLibrary).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.System32, out nint handle) ? handle : 0;

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        DriverName => Driver.IsLoaded ? Driver.Handle : throw new DllNotFoundException($"The CUDA backend cannot run: {Driver.FailureReason}."),
        NvrtcName => Nvrtc.IsLoaded ? Nvrtc.Handle : throw new DllNotFoundException($"The CUDA backend cannot compile kernels: {Nvrtc.FailureReason}."),
        _ => 0,
    };
}
