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
        $"{Name}: ours={Format(Ours)} baseline={Format(Baseline)} unit={Unit} ratio={FormatRatio(Ratio)}");

    /// <summary>Two decimals, or up to four below 0.1, so a small ratio does not print as 0.00.</summary>
    private static string FormatRatio(double ratio) =>
        ratio >= 0.1 ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : ratio.ToString("0.0###", CultureInfo.InvariantCulture);

    private static string Format(double value) =>
        value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture)
        : value >= 1 ? value.ToString("0.0#", CultureInfo.InvariantCulture)
        : value.ToString("0.####", CultureInfo.InvariantCulture);
}
