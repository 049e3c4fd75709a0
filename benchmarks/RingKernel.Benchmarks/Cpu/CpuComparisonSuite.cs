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
    }

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

    private static double Best(int runs, Func<TimeSpan> run, int phases)
    {
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
            best = Math.Min(best, run().TotalNanoseconds / ((double)BarrierWorkload.Threads * phases));
        return best;
    }
}
