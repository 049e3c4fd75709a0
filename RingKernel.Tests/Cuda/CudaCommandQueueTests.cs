using RingKernel.Commands;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Memory;
using RingKernel.Memory;

namespace RingKernel.Tests.Cuda;

/// <summary>CUDA queues: copies in order, timeline signals waited for and raised on the device with stream memory operations.</summary>
[Collection(CudaDeviceCollection.Name)]
public class CudaCommandQueueTests
{
    [SkippableFact]
    public async Task A_queue_waits_on_a_host_signal_then_copies_and_raises_its_own_signal()
    {
        CudaFacts.SkipUnlessAvailable();
        using DeviceBuffer source = CudaFacts.Backend.MemorySpace.Allocate(4096);
        using DeviceBuffer middle = CudaFacts.Backend.DeviceMemory.Allocate(4096);
        using DeviceBuffer destination = CudaFacts.Backend.MemorySpace.Allocate(4096);
        for (int i = 0; i < 4096; i++)
            source.AsSpan()[i] = (byte)(i * 7);
        using var go = new TimelineSignal("go");
        using var copied = new TimelineSignal("copied");
        using ICommandQueue queue = CudaFacts.Backend.CreateCommandQueue(QueueKind.Copy, "copies");

        CommandToken token = queue.Submit(new CommandList()
            .Wait(go, 1)
            .Copy(source, 0, middle, 0, 4096)
            .Copy(middle, 1024, destination, 0, 3072)
            .Signal(copied, 5));
        Assert.Equal(new byte[3072], destination.AsSpan(0, 3072).ToArray()); // the queue waits for go
        go.Signal(1);
        await copied.WaitAsync(5).WaitAsync(TimeSpan.FromSeconds(20));
        await token.WaitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(source.AsSpan(1024, 3072).ToArray(), destination.AsSpan(0, 3072).ToArray());
        Assert.Equal(5UL, copied.Value);
        Assert.Null(queue.Fault);
    }

    [SkippableFact]
    public async Task A_second_queue_waits_on_the_first_queues_progress_on_the_device()
    {
        CudaFacts.SkipUnlessAvailable();
        using DeviceBuffer a = CudaFacts.Backend.MemorySpace.Allocate(256);
        using DeviceBuffer b = CudaFacts.Backend.DeviceMemory.Allocate(256);
        using DeviceBuffer c = CudaFacts.Backend.MemorySpace.Allocate(256);
        for (int i = 0; i < 256; i++)
            a.AsSpan()[i] = (byte)(255 - i);
        using ICommandQueue first = CudaFacts.Backend.CreateCommandQueue(QueueKind.Copy, "first");
        using ICommandQueue second = CudaFacts.Backend.CreateCommandQueue(QueueKind.Copy, "second");
        CommandToken written = first.CopyAsync(a, 0, b, 0, 256);
        CommandToken read = second.Submit(new CommandList().Wait(written.Progress, written.Value).Copy(b, 0, c, 0, 256));
        await read.WaitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(a.AsSpan().ToArray(), c.AsSpan().ToArray());
    }

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
