using RingKernel.Backends;
using RingKernel.Benchmarks.Compare;

namespace RingKernel.Benchmarks.VulkanRings;

/// <summary>
/// The echo ring kernel (<see cref="RingKernelEcho"/>) measured on one backend: round trips with one
/// message in flight (nanoseconds, sorted) and the best of three pipelined rates (messages a second).
/// </summary>
public sealed record EchoMeasurement(double[] RoundTrips, double Rate)
{
    /// <summary>Starts the echo kernel on <paramref name="backend"/>, warms it up, measures, and stops it.</summary>
    public static EchoMeasurement Take(IRingKernelBackend backend, int roundTrips, long messages)
    {
        RingKernelEcho echo = RingKernelEcho.StartAsync(backend).GetAwaiter().GetResult();
        try
        {
            echo.RoundTrips(Math.Max(10, roundTrips / 10)); // warm-up: pipeline compiled, threads running
            double[] trips = echo.RoundTrips(roundTrips);
            double rate = 0;
            for (int run = 0; run < 3; run++)
                rate = Math.Max(rate, echo.Throughput(messages));
            return new EchoMeasurement(trips, rate);
        }
        finally
        {
            echo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary><c>ring-rtt-p50-</c>, <c>ring-rtt-p99-</c> (µs) and <c>ring-echo-</c> (Mmsg/s) lines, each ending in <paramref name="suffix"/>, against <paramref name="baseline"/>.</summary>
    public Comparison[] Against(EchoMeasurement baseline, string suffix) =>
    [
        new Comparison($"ring-rtt-p50-{suffix}", Percentile(RoundTrips, 0.50) / 1000, Percentile(baseline.RoundTrips, 0.50) / 1000, "us", Better.Lower),
        new Comparison($"ring-rtt-p99-{suffix}", Percentile(RoundTrips, 0.99) / 1000, Percentile(baseline.RoundTrips, 0.99) / 1000, "us", Better.Lower),
        new Comparison($"ring-echo-{suffix}", Rate / 1e6, baseline.Rate / 1e6, "Mmsg/s", Better.Higher),
    ];

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, fraction * sorted.Length)];
}
