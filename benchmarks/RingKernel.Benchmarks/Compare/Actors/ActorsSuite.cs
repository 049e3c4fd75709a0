namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>
/// <c>compare actors</c>: our actor runtime against a Channel-per-actor baseline doing the same work in
/// the same process: ping-pong round trips, throughput with 2 pairs × 1,000 messages in flight, Ask
/// latency (p50, p99) and restart latency (p50).
/// </summary>
public sealed class ActorsSuite : IComparisonSuite
{
    public string Name => "actors";

    public IEnumerable<Comparison> Run(bool quick)
    {
        TimeSpan warmup = TimeSpan.FromMilliseconds(quick ? 300 : 1000);
        TimeSpan window = TimeSpan.FromMilliseconds(quick ? 1500 : 5000);
        int askSamples = quick ? 200_000 : 1_000_000;
        int restartSamples = quick ? 20_000 : 100_000;

        yield return new Comparison(
            "actors.ping-pong",
            PingPongBenchmark.OursRoundTripsPerSecond(warmup, window),
            PingPongBenchmark.BaselineRoundTripsPerSecond(warmup, window),
            "round-trips/s",
            Better.Higher);

        yield return new Comparison(
            "actors.throughput-2x1000",
            ThroughputBenchmark.OursMessagesPerSecond(warmup, window, throughput: 30),
            ThroughputBenchmark.BaselineMessagesPerSecond(warmup, window),
            "msgs/s",
            Better.Higher);

        long[] oursAsk = AskLatencyBenchmark.Ours(askSamples / 10, askSamples);
        long[] baselineAsk = AskLatencyBenchmark.Baseline(askSamples / 10, askSamples);
        yield return new Comparison("actors.ask-p50", Percentiles.Microseconds(oursAsk, 50), Percentiles.Microseconds(baselineAsk, 50), "us", Better.Lower);
        yield return new Comparison("actors.ask-p99", Percentiles.Microseconds(oursAsk, 99), Percentiles.Microseconds(baselineAsk, 99), "us", Better.Lower);

        long[] oursRestart = RestartLatencyBenchmark.Ours(restartSamples / 10, restartSamples);
        long[] baselineRestart = RestartLatencyBenchmark.Baseline(restartSamples / 10, restartSamples);
        yield return new Comparison("actors.restart-p50", Percentiles.Microseconds(oursRestart, 50), Percentiles.Microseconds(baselineRestart, 50), "us", Better.Lower);
    }
}
