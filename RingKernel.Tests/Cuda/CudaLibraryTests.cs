using RingKernel.Cuda.Interop;

namespace RingKernel.Tests.Cuda;

/// <summary>The one resolver probes the driver and NVRTC in a fixed order and says exactly what it did not find.</summary>
public class CudaLibraryTests
{
    [Fact]
    public void The_first_candidate_that_loads_wins_and_later_ones_are_not_tried()
    {
        var tried = new List<string>();
        LibraryProbeResult result = NativeLibraryProbe.Probe(["a.so", "b.so", "c.so"], file =>
        {
            tried.Add(file);
            return file == "b.so" ? 42 : 0;
        }, "no thing");
        Assert.True(result.IsLoaded);
        Assert.Equal((nint)42, result.Handle);
        Assert.Equal("b.so", result.LoadedFrom);
        Assert.Null(result.FailureReason);
        Assert.Equal(["a.so", "b.so"], tried);
    }

    [Fact]
    public void Without_a_driver_the_reason_names_what_is_missing_and_every_file_tried()
    {
        LibraryProbeResult result = NativeLibraryProbe.Probe(CudaLibrary.DriverCandidates(windows: false), _ => 0, "no NVIDIA driver");
        Assert.False(result.IsLoaded);
        Assert.Equal("no NVIDIA driver (libcuda.so.1 not found; also tried libcuda.so)", result.FailureReason);
        LibraryProbeResult windows = NativeLibraryProbe.Probe(CudaLibrary.DriverCandidates(windows: true), _ => 0, "no NVIDIA driver");
        Assert.Equal("no NVIDIA driver (nvcuda.dll not found)", windows.FailureReason);
    }

    [Fact]
    public void Nvrtc_is_probed_newest_version_first_then_inside_each_toolkit_folder()
    {
        IReadOnlyList<string> candidates = CudaLibrary.NvrtcCandidates(windows: false, ["/opt/cuda/lib64"]);
        Assert.Equal(["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0", "libnvrtc.so"], candidates.Take(6));
        Assert.Equal(Path.Combine("/opt/cuda/lib64", "libnvrtc.so.12"), candidates[7]);
        Assert.Equal(12, candidates.Count);
        Assert.Equal("nvrtc64_120_0.dll", CudaLibrary.NvrtcCandidates(windows: true, [])[1]);
    }

    [Fact]
    public void This_machines_driver_probe_agrees_with_the_backend()
    {
        bool loaded = CudaLibrary.TryLoadDriver(out string? reason);
        Assert.Equal(loaded, reason is null);
        if (!loaded)
            Assert.StartsWith("no NVIDIA driver (libcuda.so.1 not found", reason, StringComparison.Ordinal);
    }
}
