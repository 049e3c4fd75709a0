using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>
/// Threads that finish while others wait at a barrier would hang a GPU; the CPU backend reports
/// the kernel, the barrier and both groups of threads instead.
/// </summary>
public class BarrierDivergenceTests
{
    [Fact]
    public void Threads_returning_early_while_others_wait_name_kernel_barrier_and_threads()
    {
        var kernel = new KernelDefinition<int[]>("early-exit", new LaunchOptions(3, 64) { SharedMemoryBytes = 64 * sizeof(int) })
            .WithCpuThread(EarlyExit);

        var error = Assert.Throws<KernelBarrierDivergenceException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, new int[1]));

        Assert.Equal("early-exit", error.KernelName);
        Assert.Equal("after-load", error.BarrierName);
        Assert.Equal(new Index3(0, 0, 0), error.WorkgroupId);
        Assert.Equal(1, error.BarriersPassed);
        Assert.Equal(Enumerable.Range(32, 32), error.FinishedThreads);
        Assert.Equal(Enumerable.Range(0, 32), error.WaitingThreads);
        Assert.Contains("'early-exit'", error.Message, StringComparison.Ordinal);
        Assert.Contains("barrier 'after-load'", error.Message, StringComparison.Ordinal);
        Assert.Contains("threads 32-63 (32 of 64) finished", error.Message, StringComparison.Ordinal);
        Assert.Contains("threads 0-31 (32 of 64) wait", error.Message, StringComparison.Ordinal);
        Assert.Contains("barrier #2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiting_threads_are_disposed_so_their_finally_blocks_run()
    {
        int[] cleanedUp = new int[1];
        var kernel = new KernelDefinition<int[]>("early-exit", new LaunchOptions(1, 64) { SharedMemoryBytes = 64 * sizeof(int) })
            .WithCpuThread(EarlyExit);

        Assert.Throws<KernelBarrierDivergenceException>(() => new CpuBackend().Dispatch(kernel, cleanedUp));

        // 32 threads ran their finally block on returning; the 32 left waiting ran it when disposed.
        Assert.Equal(64, cleanedUp[0]);
    }

    [Fact]
    public void A_thread_passing_one_barrier_more_than_the_rest_is_reported_at_that_barrier()
    {
        var kernel = new KernelDefinition<int>("one-extra-barrier", new LaunchOptions(2, 7))
            .WithCpuThread((thread, _) => ExtraBarrierForThread(thread, 5));

        var error = Assert.Throws<KernelBarrierDivergenceException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, 0));

        Assert.Null(error.BarrierName);
        Assert.Equal(2, error.BarriersPassed);
        Assert.Equal([5], error.WaitingThreads);
        Assert.Equal([0, 1, 2, 3, 4, 6], error.FinishedThreads);
        Assert.Contains("threads 0-4, 6 (6 of 7) finished while threads 5 (1 of 7) wait at an unnamed barrier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_that_all_finish_after_the_same_barriers_are_not_divergent()
    {
        int[] cleanedUp = new int[1];

        // Every thread returns early, so no thread waits alone.
        var kernel = new KernelDefinition<int[]>("uniform", new LaunchOptions(4, 100) { SharedMemoryBytes = 100 * sizeof(int) })
            .WithCpuThread((thread, args) => EarlyExit(thread, args, exitFrom: 0));

        new CpuBackend().Dispatch(kernel, cleanedUp);

        Assert.Equal(400, cleanedUp[0]);
    }

    private static IEnumerable<WorkgroupBarrier> EarlyExit(ThreadContext thread, int[] cleanedUp) => EarlyExit(thread, cleanedUp, exitFrom: 32);

    /// <summary>Threads from <paramref name="exitFrom"/> up return after loading, the way a bounds check can skip the rest of a GPU kernel.</summary>
    private static IEnumerable<WorkgroupBarrier> EarlyExit(ThreadContext thread, int[] cleanedUp, int exitFrom)
    {
        try
        {
            thread.Shared<int>(0, thread.ThreadCount)[thread.ThreadIndex] = thread.ThreadIndex;
            yield return thread.Barrier("loaded");
            if (thread.ThreadIndex >= exitFrom)
                yield break;
            yield return thread.Barrier("after-load");
            thread.Shared<int>(0, thread.ThreadCount)[thread.ThreadIndex] += 1;
        }
        finally
        {
            KernelAtomics.Add(ref cleanedUp[0], 1);
        }
    }

    private static IEnumerable<WorkgroupBarrier> ExtraBarrierForThread(ThreadContext thread, int odd)
    {
        yield return thread.Barrier();
        yield return thread.Barrier();
        if (thread.ThreadIndex == odd)
            yield return thread.Barrier();
    }
}
