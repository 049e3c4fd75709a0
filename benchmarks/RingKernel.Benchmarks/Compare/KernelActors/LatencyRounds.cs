namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>Latency samples of several rounds of both sides; a percentile is reported from each side's best round, the one least disturbed by other processes.</summary>
internal sealed class LatencyRounds
{
    private readonly List<long[]> _ours = [];
    private readonly List<long[]> _baseline = [];

    public void Add(long[] ours, long[] baseline)
    {
        _ours.Add(ours);
        _baseline.Add(baseline);
    }

    public Comparison Comparison(string name, double percentile) => new(
        name,
        _ours.Min(s => Percentiles.Microseconds(s, percentile)),
        _baseline.Min(s => Percentiles.Microseconds(s, percentile)),
        "us",
        Better.Lower);
}
