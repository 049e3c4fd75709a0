using System.Diagnostics;

namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>
/// Reads counters over a window after a warm-up: events per second while the actors run flat out, and
/// the process's CPU time per event in the same window (which other processes' load barely moves).
/// </summary>
internal static class RateMeasurement
{
    public static Rate Measure(IReadOnlyList<Counter> counters, TimeSpan warmup, TimeSpan window)
    {
        Thread.Sleep(warmup);
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        long before = counters.Sum(c => c.Value);
        Thread.Sleep(window);
        long after = counters.Sum(c => c.Value);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        long events = after - before;
        return new Rate(events / seconds, cpuSeconds * 1e9 / events);
    }

    public static double PerSecond(IReadOnlyList<Counter> counters, TimeSpan warmup, TimeSpan window) =>
        Measure(counters, warmup, window).PerSecond;

    /// <summary>Events per wall-clock second, and CPU nanoseconds per event.</summary>
    public readonly record struct Rate(double PerSecond, double CpuNanosecondsPerEvent);
}
