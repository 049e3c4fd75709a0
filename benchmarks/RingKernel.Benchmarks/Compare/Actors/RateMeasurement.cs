using System.Diagnostics;

namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>Reads counters over a window after a warm-up: events per second while the actors run flat out.</summary>
internal static class RateMeasurement
{
    public static double PerSecond(IReadOnlyList<Counter> counters, TimeSpan warmup, TimeSpan window)
    {
        Thread.Sleep(warmup);
        long start = Stopwatch.GetTimestamp();
        long before = counters.Sum(c => c.Value);
        Thread.Sleep(window);
        long after = counters.Sum(c => c.Value);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (after - before) / seconds;
    }
}
