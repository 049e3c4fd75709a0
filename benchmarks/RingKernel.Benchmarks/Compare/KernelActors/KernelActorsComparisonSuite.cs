using RingKernel.Cpu;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>
/// <c>compare kernel-actors</c>: CPU ring kernels as Akka.NET actors, driven through their
/// <see cref="RingKernel.Kernels.Actors.KernelRef{TRequest, TReply}"/>, against plain Akka.NET actors
/// doing the same work in the same process: Ask latency (p50, p99), Tell throughput from two
/// producers (message by message, in batches of <see cref="TellThroughputBenchmark.Batch"/>, and into the bare input
/// ring with no kernel around it, the ring's own ceiling), and restart latency (p50) of a kernel on a thread of its own and of one run as a
/// coroutine. Ours and the baseline alternate for several rounds and each reports its best, so load
/// from other processes on a shared machine penalises neither side more.
/// </summary>
public sealed class KernelActorsComparisonSuite : IComparisonSuite
{
    public string Name => "kernel-actors";

    public IEnumerable<Comparison> Run(bool quick)
    {
        int rounds = quick ? 3 : 7;
        int askSamples = quick ? 100_000 : 500_000;
        int restartSamples = quick ? 2_000 : 10_000;
        TimeSpan tellRun = TimeSpan.FromMilliseconds(quick ? 200 : 500);
        var backend = new CpuBackend();

        var ask = new LatencyRounds();
        for (int round = 0; round < rounds; round++)
            ask.Add(AskLatencyBenchmark.Ours(backend, askSamples / 5, askSamples), AskLatencyBenchmark.Baseline(askSamples / 5, askSamples));
        yield return ask.Comparison("kernel-actors.ask-p50", 50);
        yield return ask.Comparison("kernel-actors.ask-p99", 99);

        string tell = $"kernel-actors.tell-{TellThroughputBenchmark.Producers}producers";
        yield return TellThroughput(tell, () => TellThroughputBenchmark.Ours(backend, batch: 1), rounds, tellRun);
        yield return TellThroughput($"{tell}-batch{TellThroughputBenchmark.Batch}", () => TellThroughputBenchmark.Ours(backend, TellThroughputBenchmark.Batch), rounds, tellRun);
        yield return TellThroughput($"{tell}-input-ring-only", TellThroughputBenchmark.InputRingOnly, rounds, tellRun);

        var restart = new LatencyRounds();
        var cooperativeRestart = new LatencyRounds();
        for (int round = 0; round < rounds; round++)
        {
            // Restarts run through exception handling, actor construction and (ours) a kernel launch, which
            // reach fully optimised code later than a message path: warm up with as many as are measured.
            long[] baseline = RestartLatencyBenchmark.Baseline(restartSamples, restartSamples);
            restart.Add(RestartLatencyBenchmark.Ours(backend, BenchmarkKernels.Echo(1024), restartSamples, restartSamples), baseline);
            cooperativeRestart.Add(RestartLatencyBenchmark.Ours(backend, BenchmarkKernels.CooperativeEcho(1024), restartSamples, restartSamples), baseline);
        }

        yield return restart.Comparison("kernel-actors.restart-p50", 50);
        yield return cooperativeRestart.Comparison("kernel-actors.restart-p50-cooperative", 50);
    }

    /// <summary>
    /// Sizes each side's runs to about <paramref name="target"/> from a first run of 100,000 messages per
    /// producer (also the JIT warm-up), runs once more to warm up at that size, then alternates the sides
    /// <paramref name="rounds"/> times and keeps each side's best rate.
    /// </summary>
    private static Comparison TellThroughput(string name, Func<TellThroughputBenchmark> createOurs, int rounds, TimeSpan target)
    {
        using TellThroughputBenchmark ours = createOurs();
        using TellThroughputBenchmark baseline = TellThroughputBenchmark.Baseline();
        long oursSize = Calibrate(ours, target);
        long baselineSize = Calibrate(baseline, target);
        double bestOurs = 0, bestBaseline = 0;
        for (int round = 0; round < rounds; round++)
        {
            bestOurs = Math.Max(bestOurs, ours.Run(oursSize));
            bestBaseline = Math.Max(bestBaseline, baseline.Run(baselineSize));
        }

        return new Comparison(name, bestOurs, bestBaseline, "msgs/s", Better.Higher);
    }

    private static long Calibrate(TellThroughputBenchmark side, TimeSpan target)
    {
        double rate = side.Run(100_000);
        long perProducer = Math.Max(100_000, (long)(rate * target.TotalSeconds / TellThroughputBenchmark.Producers));
        side.Run(perProducer);
        return perProducer;
    }
}
