using RingKernel.Backends;
using RingKernel.Commands;
using RingKernel.Cuda;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;
using RingKernel.Rings;
using RingKernel.TestKernels.Cuda;

namespace RingKernel.Tests.Cuda;

/// <summary>Where CUDA cannot run, the backend says why and every operation throws that reason instead of failing later.</summary>
public class CudaAvailabilityTests
{
    [SkippableFact]
    public async Task An_unavailable_backend_reports_its_reason_and_refuses_work_with_it()
    {
        using var backend = new CudaBackend();
        Skip.If(backend.IsAvailable, $"CUDA is available here ({backend.Device}); this test covers machines without it.");
        Assert.Equal("cuda", backend.Name);
        Assert.False(string.IsNullOrWhiteSpace(backend.UnavailableReason));
        Assert.Contains("unavailable", backend.ToString(), StringComparison.Ordinal);

        var allocate = Assert.Throws<BackendUnavailableException>(() => backend.MemorySpace.Allocate(4096));
        Assert.Equal("cuda", allocate.Backend);
        Assert.Equal(backend.UnavailableReason, allocate.Reason);
        Assert.Equal($"The cuda backend is not available: {backend.UnavailableReason}", allocate.Message);
        Assert.Equal(MemorySpaceKind.PinnedHost, backend.MemorySpace.Kind);
        Assert.Equal(MemorySpaceKind.Device, backend.DeviceMemory.Kind);
        Assert.Throws<BackendUnavailableException>(() => backend.DeviceMemory.Allocate(4096));

        var echo = CudaKernels.RingEcho("echo", 16, 16);
        var dispatch = await Assert.ThrowsAsync<BackendUnavailableException>(() => backend.DispatchAsync(echo, new RingEchoArgs(7)));
        Assert.Equal(backend.UnavailableReason, dispatch.Reason);
        using RingKernelMemory memory = RingKernelMemory.Allocate(HostMemorySpace.Instance, echo.Options, new MessageTypeRegistry(echo.Options.MessageSlotBytes - 64));
        Assert.Throws<BackendUnavailableException>(() => backend.CreateRingKernel(echo, new RingEchoArgs(7), memory));
        Assert.Throws<BackendUnavailableException>(() => backend.CreateCommandQueue(QueueKind.Compute, "q"));
        Assert.Throws<BackendUnavailableException>(backend.EnsureAvailable);
    }

    [SkippableFact]
    public void Without_a_driver_the_reason_is_the_missing_library()
    {
        using var backend = new CudaBackend();
        Skip.If(backend.IsAvailable, "CUDA is available here.");
        Skip.If(RingKernel.Cuda.Interop.CudaLibrary.TryLoadDriver(out _), $"libcuda loads here; the backend is unavailable for another reason: {backend.UnavailableReason}");
        Assert.StartsWith(OperatingSystem.IsWindows() ? "no NVIDIA driver (nvcuda.dll not found" : "no NVIDIA driver (libcuda.so.1 not found", backend.UnavailableReason, StringComparison.Ordinal);
    }
}
