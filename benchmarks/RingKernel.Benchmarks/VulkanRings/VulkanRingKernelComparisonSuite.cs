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
        EchoMeasurement cpu = EchoMeasurement.Take(new CpuBackend(), roundTrips, messages);
        foreach (VulkanRingKernelOptions options in new[]
        {
            new VulkanRingKernelOptions { Mode = VulkanRingKernelMode.EventDriven },
            new VulkanRingKernelOptions { Mode = VulkanRingKernelMode.BoundedPersistent, PollIterations = 20_000 },
        })
        {
            using var backend = new VulkanBackend { RingKernelOptions = options };
            Console.WriteLine($"# vulkan device: {backend.Device.Name}; ring kernels {options}");
            string mode = options.Mode == VulkanRingKernelMode.EventDriven ? "event" : "persistent";
            foreach (Comparison comparison in EchoMeasurement.Take(backend, roundTrips, messages).Against(cpu, mode))
                yield return comparison;
        }
    }
}
