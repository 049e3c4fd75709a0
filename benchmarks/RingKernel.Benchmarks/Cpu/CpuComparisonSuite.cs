using System.Diagnostics;
using RingKernel.Benchmarks.Compare;
using RingKernel.Cpu;

namespace RingKernel.Benchmarks.Cpu;

/// <summary>
/// <c>compare cpu</c>: the CPU backend's coroutine workgroups against OS threads doing the same
/// work in the same run.
/// </summary>
public sealed class CpuComparisonSuite : IComparisonSuite
{
    public string Name => "cpu";

    public IEnumerable<Comparison> Run(bool quick)
    {
        yield return BarrierCost(quick);
        yield return ThreadCost(quick);
        foreach (Comparison comparison in RoundTrip(quick))
            yield return comparison;
        yield return Throughput(quick);
    }

    /// <summary>
    /// kernel-rtt-p50 / -p99: nanoseconds from enqueuing one 8-byte message on a persistent echo
    /// kernel's input ring to dequeuing its reply, one message in flight, host and kernel busy-polling;
    /// baseline: the same ping-pong between two threads over two bounded channels.
    /// </summary>
    private static IEnumerable<Comparison> RoundTrip(bool quick)
    {
        int count = quick ? 100_000 : 1_000_000;
        RingKernelWorkload.KernelRoundTrips(count / 10);
        RingKernelWorkload.ChannelRoundTrips(count / 10);
        double[] ours = RingKernelWorkload.KernelRoundTrips(count);
        double[] baseline = RingKernelWorkload.ChannelRoundTrips(count);
        Array.Sort(ours);
        Array.Sort(baseline);
        yield return new Comparison("kernel-rtt-p50", Percentile(ours, 0.50), Percentile(baseline, 0.50), "ns", Better.Lower);
        yield return new Comparison("kernel-rtt-p99", Percentile(ours, 0.99), Percentile(baseline, 0.99), "ns", Better.Lower);
    }

    /// <summary>
    /// kernel-echo: millions of 8-byte messages per second through a persistent echo kernel, up to
    /// 4096 in flight, checksums off; baseline: an echo thread between two bounded channels. The
    /// best of several alternating runs of each.
    /// </summary>
    private static Comparison Throughput(bool quick)
    {
        long count = quick ? 2_000_000 : 10_000_000;
        int runs = quick ? 3 : 7;
        RingKernelWorkload.KernelThroughput(count / 10);
        RingKernelWorkload.ChannelThroughput(count / 10);
        double ours = 0;
        double baseline = 0;
        for (int i = 0; i < runs; i++)
        {
            ours = Math.Max(ours, RingKernelWorkload.KernelThroughput(count));
            baseline = Math.Max(baseline, RingKernelWorkload.ChannelThroughput(count));
        }

        return new Comparison("kernel-echo", ours / 1e6, baseline / 1e6, "Mmsg/s", Better.Higher);
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, fraction * sorted.Length)];

    /// <summary>
    /// barrier-256: nanoseconds per thread per phase (two barriers), 256 threads in one workgroup,
    /// wall-clock; the best of several runs of each side, the run least disturbed by other load on a
    /// shared machine. Ours runs on one core (one workgroup), the baseline's 256 OS threads on all of them.
    /// </summary>
    private static Comparison BarrierCost(bool quick)
    {
        int coroutinePhases = quick ? 20_000 : 100_000;
        int coroutineRuns = quick ? 7 : 15;
        int threadPhases = quick ? 40 : 200;
        int threadRuns = quick ? 5 : 7;

        var backend = new CpuBackend();

        // Warm up for long enough that the coroutines' MoveNext reaches tier-1 code (tiering waits
        // 100 ms after the last new method before it recompiles hot ones in the background).
        long warmUp = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmUp) < TimeSpan.FromMilliseconds(500))
            BarrierWorkload.RunCoroutines(backend, 2_000);
        double ours = Best(coroutineRuns, () => BarrierWorkload.RunCoroutines(backend, coroutinePhases), coroutinePhases);

        BarrierWorkload.RunOsThreads(Math.Max(1, threadPhases / 10));
        double baseline = Best(threadRuns, () => BarrierWorkload.RunOsThreads(threadPhases), threadPhases);

        return new Comparison("barrier-256", ours, baseline, "ns/thread/phase", Better.Lower);
    }

    /// <summary>
    /// thread-1barrier: nanoseconds per GPU thread of a body that waits at one barrier, on one
    /// worker (<see cref="ThreadStartWorkload"/>); ours the <c>async ThreadCoroutine</c> body, which
    /// the backend restarts in place from the second workgroup on, the baseline the same body as an
    /// iterator. Best of several alternating runs, after a warm-up of each.
    /// </summary>
    private static Comparison ThreadCost(bool quick)
    {
        int dispatches = quick ? 4 : 10;
        int runs = quick ? 5 : 9;
        var backend = new CpuBackend(workerCount: 1);
        foreach (bool coroutine in new[] { true, false })
        {
            long warmUp = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(warmUp) < TimeSpan.FromMilliseconds(500))
                ThreadStartWorkload.Run(backend, coroutine, 1);
        }

        double ours = double.MaxValue, baseline = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            ours = Math.Min(ours, ThreadStartWorkload.Run(backend, coroutine: true, dispatches).TotalNanoseconds / ((double)ThreadStartWorkload.ThreadCount * dispatches));
            baseline = Math.Min(baseline, ThreadStartWorkload.Run(backend, coroutine: false, dispatches).TotalNanoseconds / ((double)ThreadStartWorkload.ThreadCount * dispatches));
        }

        return new Comparison("thread-1barrier", ours, baseline, "ns/thread", Better.Lower);
    }

    private static double Best(int runs, Func<TimeSpan> run, int phases)
    {
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
            best = Math.Min(best, run().TotalNanoseconds / ((double)BarrierWorkload.Threads * phases));
        return best;
    }
}
