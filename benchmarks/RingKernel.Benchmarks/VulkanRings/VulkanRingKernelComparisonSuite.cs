using RingKernel.Benchmarks.Compare;
using RingKernel.Cpu;
using RingKernel.Vulkan;
using RingKernel.Vulkan.RingKernels;

namespace RingKernel.Benchmarks.VulkanRings;

/// <summary>
/// `compare vulkan-rings`: an echo ring kernel on Vulkan, event-driven and bounded persistent, against
/// the same echo kernel on the CPU backend in the same process: round-trip latency (one message in
/// flight, p50 and p99, µs) and pipelined throughput (Mmsg/s).
/// </summary>
public sealed class VulkanRingKernelComparisonSuite : IComparisonSuite
{
    public string Name => "vulkan-rings";

    public IEnumerable<Comparison> Run(bool quick)
    {
        if (!VulkanBackend.IsAvailable)
        {
            Console.WriteLine($"# vulkan-rings skipped: {VulkanBackend.UnavailableReason}");
            yield break;
        }

        int roundTrips = quick ? 500 : 5000;
        long messages = quick ? 50_000 : 500_000;
        (double[] cpuTrips, double cpuRate) = Measure(new CpuBackend(), roundTrips, messages);
        foreach (VulkanRingKernelOptions options in new[]
        {
            new VulkanRingKernelOptions { Mode = VulkanRingKernelMode.EventDriven },
            new VulkanRingKernelOptions { Mode = VulkanRingKernelMode.BoundedPersistent, PollIterations = 20_000 },
        })
        {
            using var backend = new VulkanBackend { RingKernelOptions = options };
            Console.WriteLine($"# vulkan device: {backend.Device.Name}; ring kernels {options}");
            (double[] trips, double rate) = Measure(backend, roundTrips, messages);
            string mode = options.Mode == VulkanRingKernelMode.EventDriven ? "event" : "persistent";
            yield return new Comparison($"ring-rtt-p50-{mode}", Percentile(trips, 0.50) / 1000, Percentile(cpuTrips, 0.50) / 1000, "us", Better.Lower);
            yield return new Comparison($"ring-rtt-p99-{mode}", Percentile(trips, 0.99) / 1000, Percentile(cpuTrips, 0.99) / 1000, "us", Better.Lower);
            yield return new Comparison($"ring-echo-{mode}", rate / 1e6, cpuRate / 1e6, "Mmsg/s", Better.Higher);
        }
    }

    private static (double[] RoundTrips, double Rate) Measure(Backends.IRingKernelBackend backend, int roundTrips, long messages)
    {
        RingKernelEcho echo = RingKernelEcho.StartAsync(backend).GetAwaiter().GetResult();
        try
        {
            echo.RoundTrips(Math.Max(10, roundTrips / 10)); // warm-up: pipeline compiled, threads running
            double[] trips = echo.RoundTrips(roundTrips);
            double rate = 0;
            for (int run = 0; run < 3; run++)
                rate = Math.Max(rate, echo.Throughput(messages));
            return (trips, rate);
        }
        finally
        {
            echo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, fraction * sorted.Length)];
}
