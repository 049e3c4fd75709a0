using RingKernel.Backends;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Memory;
using Xunit.Abstractions;

namespace RingKernel.Tests.Cpu;

/// <summary>The backend around the scheduler: validation, cancellation, async dispatch and what a dispatch allocates.</summary>
public class CpuBackendTests(ITestOutputHelper output)
{
    [Fact]
    public void The_cpu_backend_is_always_available_and_allocates_pinned_host_memory()
    {
        var backend = new CpuBackend();

        Assert.Equal("cpu", backend.Name);
        Assert.True(backend.IsAvailable);
        Assert.Null(backend.UnavailableReason);
        Assert.Equal(Environment.ProcessorCount, backend.WorkerCount);
        using DeviceBuffer buffer = backend.MemorySpace.Allocate(256);
        Assert.Equal(MemorySpaceKind.PinnedHost, buffer.Kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CpuBackend(workerCount: 0));
    }

    [Fact]
    public void A_kernel_without_a_cpu_body_is_rejected()
    {
        var kernel = new KernelDefinition<int>("gpu-only", new LaunchOptions(1, 1));

        var error = Assert.Throws<ArgumentException>(() => new CpuBackend().Dispatch(kernel, 0));

        Assert.Contains("Kernel 'gpu-only' has no CPU body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ring_kernel_is_rejected_by_one_shot_dispatch_at_once_even_when_async()
    {
        var kernel = new KernelDefinition<int>("ringed", new LaunchOptions(1, 32) { InputRingCapacity = 1024 })
            .WithCpuThread((thread, _) => []);

        var error = Assert.Throws<ArgumentException>(() => { _ = new CpuBackend().DispatchAsync(kernel, 0); });

        Assert.Contains("Kernel 'ringed' declares rings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dispatch_through_the_backend_interface_completes_when_every_workgroup_has_run()
    {
        IComputeBackend[] backends = [new CpuBackend()];
        int[] values = new int[37 * 13];
        var kernel = new KernelDefinition<int[]>("fill", new LaunchOptions(37, 13)).WithCpuThread(Fill);

        await backends[0].DispatchAsync(kernel, values);

        Assert.Equal(Enumerable.Range(0, values.Length), values);
    }

    [Fact]
    public void Cancellation_is_checked_between_workgroups()
    {
        using var cancellation = new CancellationTokenSource();
        int[] ran = new int[20];
        var kernel = new KernelDefinition<int[]>("cancel-after-3", new LaunchOptions(20, 4))
            .WithCpuWorkgroup((workgroup, seen) =>
            {
                seen[workgroup.WorkgroupIndex] = 1;
                if (workgroup.WorkgroupIndex == 2)
                    cancellation.Cancel();
            });

        var error = Assert.Throws<OperationCanceledException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, ran, cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal([1, 1, 1], ran[..3]);
        Assert.All(ran[3..], r => Assert.Equal(0, r));
    }

    [Fact]
    public async Task A_dispatch_cancelled_before_it_starts_runs_nothing()
    {
        int[] ran = new int[1];
        var kernel = new KernelDefinition<int[]>("never", new LaunchOptions(8, 8))
            .WithCpuWorkgroup((_, seen) => seen[0] = 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CpuBackend().DispatchAsync(kernel, ran, new CancellationToken(canceled: true)));
        Assert.Throws<OperationCanceledException>(() => new CpuBackend().Dispatch(kernel, ran, new CancellationToken(canceled: true)));

        Assert.Equal(0, ran[0]);
    }

    [Fact]
    public void Concurrent_dispatches_on_one_backend_each_get_their_own_workgroup_state()
    {
        var backend = new CpuBackend(workerCount: 2);
        var kernel = new KernelDefinition<int[]>("fill", new LaunchOptions(16, 64)).WithCpuThread(Fill);
        int[][] outputs = Enumerable.Range(0, 8).Select(_ => new int[16 * 64]).ToArray();

        Parallel.ForEach(outputs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, values => backend.Dispatch(kernel, values));

        Assert.All(outputs, values => Assert.Equal(Enumerable.Range(0, values.Length), values));
    }

    /// <summary>
    /// With one worker the whole dispatch runs on the calling thread, so its allocations can be
    /// counted exactly: the coroutines (one iterator per thread per workgroup) and a constant per
    /// dispatch; nothing per barrier and nothing else per workgroup.
    /// </summary>
    [Fact]
    public void A_dispatch_allocates_the_coroutines_and_a_constant_nothing_per_barrier()
    {
        const int Threads = 256;
        var backend = new CpuBackend(workerCount: 1);
        var oneGroup = new KernelDefinition<int>("phases", new LaunchOptions(1, Threads) { SharedMemoryBytes = Threads * sizeof(int) }).WithCpuThread(Phases);
        var fourGroups = oneGroup.WithOptions(new LaunchOptions(4, Threads) { SharedMemoryBytes = Threads * sizeof(int) });
        long iterator = Allocated(() => Phases(null!, 1));

        long Dispatch(KernelDefinition<int> kernel, int phases)
        {
            backend.Dispatch(kernel, phases); // warm: JIT, pooled scheduler sized for the kernel

            // The fewest of three: the runtime now and then allocates on the thread for itself
            // (about 8 KB once in some runs of 1,000 phases), never less than the dispatch does.
            return Enumerable.Range(0, 3).Min(_ => Allocated(() => backend.Dispatch(kernel, phases)));
        }

        long fewPhases = Dispatch(oneGroup, 1);
        long manyPhases = Dispatch(oneGroup, 1000);
        long fourWorkgroups = Dispatch(fourGroups, 1);

        Assert.Equal(fewPhases, manyPhases);
        Assert.Equal(3L * Threads * iterator, fourWorkgroups - fewPhases);
        output.WriteLine($"per dispatch: {fewPhases - (Threads * iterator)} B + {iterator} B per coroutine ({Threads} threads: {fewPhases} B)");
    }

    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static IEnumerable<WorkgroupBarrier> Phases(ThreadContext thread, int phases)
    {
        for (int phase = 0; phase < phases; phase++)
        {
            thread.Shared<int>(0, thread.ThreadCount)[thread.ThreadIndex] += 1;
            yield return thread.Barrier("added");
            _ = thread.Shared<int>(0, thread.ThreadCount)[(thread.ThreadIndex + 1) % thread.ThreadCount];
            yield return thread.Barrier("read");
        }
    }

    private static IEnumerable<WorkgroupBarrier> Fill(ThreadContext thread, int[] values)
    {
        yield return thread.Barrier();
        values[thread.GlobalIndex] = thread.GlobalIndex;
    }
}
