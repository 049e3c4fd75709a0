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
    /// barrier-256: nanoseconds per thread per phase (two barriers), 256 threads in one workgroup;
    /// the median of several runs of each side. Ours runs on one core (one workgroup), the baseline's
    /// 256 OS threads on all of them.
    /// </summary>
    private static Comparison BarrierCost(bool quick)
    {
        int coroutinePhases = quick ? 20_000 : 100_000;
        int coroutineRuns = quick ? 7 : 15;
        int threadPhases = quick ? 40 : 200;
        int threadRuns = quick ? 5 : 7;

        var backend = new CpuBackend();
        BarrierWorkload.RunCoroutines(backend, coroutinePhases / 10); // warm-up: JIT and pooled state
        double ours = Median(coroutineRuns, () => BarrierWorkload.RunCoroutines(backend, coroutinePhases), coroutinePhases);

        BarrierWorkload.RunOsThreads(Math.Max(1, threadPhases / 10));
        double baseline = Median(threadRuns, () => BarrierWorkload.RunOsThreads(threadPhases), threadPhases);

        return new Comparison("barrier-256", ours, baseline, "ns/thread/phase", Better.Lower);
    }

    private static double Median(int runs, Func<TimeSpan> run, int phases)
    {
        double[] perThreadPhase = new double[runs];
        for (int i = 0; i < runs; i++)
            perThreadPhase[i] = run().TotalNanoseconds / ((double)BarrierWorkload.Threads * phases);
        Array.Sort(perThreadPhase);
        return perThreadPhase[runs / 2];
    }
}
