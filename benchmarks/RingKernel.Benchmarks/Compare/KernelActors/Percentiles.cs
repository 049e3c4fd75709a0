using System.Diagnostics;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>Percentiles of latencies recorded as <see cref="Stopwatch"/> tick differences, in microseconds.</summary>
internal static class Percentiles
{
    public static double Microseconds(long[] ticks, double percentile)
    {
        long[] sorted = [.. ticks];
        Array.Sort(sorted);
        int index = Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
