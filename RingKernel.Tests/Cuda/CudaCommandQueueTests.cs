using RingKernel.Commands;
using RingKernel.Cuda.Compilation;
using RingKernel.Memory;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// What only CUDA queues do: disposal while the device holds a stream on a signal that never comes,
/// and the PTX disk cache. The behaviours every backend's queues share (host and cross-queue waits on
/// the device, copies, disposal) are in Conformance/CommandQueueConformanceTests.
/// </summary>
[Collection(CudaDeviceCollection.Name)]
public class CudaCommandQueueTests
{
    [SkippableFact]
    public async Task Disposing_a_queue_held_by_a_signal_that_never_comes_returns_and_fails_its_token()
    {
        CudaFacts.SkipUnlessAvailable();
        using DeviceBuffer a = CudaFacts.Backend.MemorySpace.Allocate(256);
        using DeviceBuffer b = CudaFacts.Backend.MemorySpace.Allocate(256);
        using var never = new TimelineSignal("never");
        ICommandQueue queue = CudaFacts.Backend.CreateCommandQueue(QueueKind.Copy, "held");
        CommandToken token = queue.Submit(new CommandList().Wait(never, 1).Copy(a, 0, b, 0, 256));
        queue.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => token.WaitAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.IsType<CommandQueueFaultedException>(queue.Fault);
        never.Signal(1); // releases the stream on the device, whose resources go with it
    }

    [SkippableFact]
    public void A_second_backend_finds_the_ptx_the_first_compiled_in_the_disk_cache()
    {
        CudaFacts.SkipUnlessAvailable();
        DirectoryInfo directory = Directory.CreateTempSubdirectory("ringkernel-ptx-gpu-");
        try
        {
            var cache = new PtxCache(directory.FullName);
            foreach (bool expectHit in (bool[])[false, true])
            {
                using var backend = new RingKernel.Cuda.CudaBackend(new RingKernel.Cuda.CudaBackendOptions { PtxCache = cache });
                using var solver = new RingKernel.Cuda.Stencils.CudaHeatSolver2D(backend, new RingKernel.Stencils.HeatEquation2D(new RingKernel.Stencils.GridSize(8, 8), 0.1f, RingKernel.Stencils.StencilBoundary.Periodic));
                solver.Run(1);
                Assert.Equal((1, expectHit ? 1 : 0), (backend.Modules.Compiled, backend.Modules.DiskCacheHits));
            }

            Assert.Single(Directory.GetFiles(directory.FullName, "stencils-*.ptx"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
