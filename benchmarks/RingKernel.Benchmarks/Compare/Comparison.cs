using System.Globalization;

namespace RingKernel.Benchmarks.Compare;

/// <summary>Whether a larger or a smaller measurement is better.</summary>
public enum Better
{
    Higher,
    Lower,
}

/// <summary>
/// One measurement of ours against a baseline doing the same work in the same run. Prints as
/// <c>&lt;name&gt;: ours=&lt;v&gt; baseline=&lt;v&gt; unit=&lt;u&gt; ratio=&lt;r&gt;</c>, where the ratio is always
/// "higher is better for us": ours/baseline for throughput, baseline/ours for latency.
/// </summary>
public sealed record Comparison(string Name, double Ours, double Baseline, string Unit, Better Better)
{
    public double Ratio => Better == Better.Higher ? Ours / Baseline : Baseline / Ours;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}: ours={Format(Ours)} baseline={Format(Baseline)} unit={Unit} ratio={Ratio:0.00}");

    private static string Format(double value) =>
        value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture)
        : value >= 1 ? value.ToString("0.0#", CultureInfo.InvariantCulture)
        : value.ToString("0.####", CultureInfo.InvariantCulture);
}
