using System.Diagnostics;
using RingKernel.Backends;
using RingKernel.Benchmarks.Compare;
using RingKernel.Benchmarks.VulkanRings;
using RingKernel.Commands;
using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Metal;
using RingKernel.Metal.Commands;
using RingKernel.Metal.Kernels;
using RingKernel.Stencils;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Benchmarks.Metal;

/// <summary>
/// <c>compare metal</c>: the Metal backend on the system's default device.
/// <list type="bullet">
/// <item><c>ring-rtt-p50-metal</c>, <c>ring-rtt-p99-metal</c>, <c>ring-echo-metal</c>: the echo ring
/// kernel (ring_echo's MSL, event-driven: a dispatch drains what is queued) against the same echo
/// kernel on the CPU backend in the same process: round-trip µs with one message in flight, and
/// pipelined Mmsg/s; every reply is checked.</item>
/// <item><c>heat2d-metal-N</c>: Mcells/s of the heat step (heat2d_step's MSL, one dispatch and wait a
/// step) on a periodic N² grid against the limit the device's memory sets, measured in the same run: a
/// blit copy of one grid a step through a Metal command queue (each cell read and written once, what a
/// step must at least move). The kernel's result is checked bit for bit against
/// <see cref="HeatBaseline2D"/> first.</item>
/// </list>
/// Off macOS, or without a Metal 3 device, it throws <see cref="BackendUnavailableException"/> with the
/// reason, and the runner exits non-zero.
/// </summary>
public sealed class MetalComparisonSuite : IComparisonSuite
{
    public string Name => "metal";

    public IEnumerable<Comparison> Run(bool quick)
    {
        if (!MetalBackend.IsAvailable)
            throw new BackendUnavailableException(MetalBackend.BackendName, MetalBackend.UnavailableReason!);
        using var backend = new MetalBackend();
        Console.WriteLine($"# metal device: {backend.DeviceName} (unified memory: {backend.HasUnifiedMemory}); ring kernels {backend.RingKernelOptions}");
        foreach (Comparison comparison in Rings(backend, quick ? 500 : 5000, quick ? 50_000 : 500_000))
            yield return comparison;
        yield return Heat2D(backend, quick ? 1024 : 4096, quick ? 20 : 100);
    }

    private static Comparison[] Rings(MetalBackend backend, int roundTrips, long messages)
    {
        EchoMeasurement cpu = EchoMeasurement.Take(new CpuBackend(), roundTrips, messages);
        return EchoMeasurement.Take(backend, roundTrips, messages).Against(cpu, "metal");
    }

    private static Comparison Heat2D(MetalBackend backend, int n, int steps)
    {
        var equation = new HeatEquation2D(GridSize.Square(n), 0.2f, StencilBoundary.Periodic);
        int cells = equation.Size.CellCount;
        var random = new Random(42);
        float[] field = [.. Enumerable.Range(0, cells).Select(_ => (float)random.NextDouble())];
        KernelDefinition<VulkanHeatArgs> kernel = VulkanHeatKernel2D.Create(equation).WithMetal();
        using DeviceBuffer a = backend.MemorySpace.Allocate((long)cells * sizeof(float));
        using DeviceBuffer b = backend.MemorySpace.Allocate((long)cells * sizeof(float));
        field.CopyTo(a.AsSpan<float>(0, cells));
        backend.Dispatch(kernel, new VulkanHeatArgs(a, b));
        backend.Dispatch(kernel, new VulkanHeatArgs(b, a));
        new HeatBaseline2D(equation).Run(field, 2);
        if (!field.AsSpan().SequenceEqual(a.AsSpan<float>(0, cells)))
            throw new InvalidOperationException("The Metal heat kernel and the baseline disagree after 2 steps.");

        long began = Stopwatch.GetTimestamp();
        for (int step = 0; step < steps; step++)
            backend.Dispatch(kernel, step % 2 == 0 ? new VulkanHeatArgs(a, b) : new VulkanHeatArgs(b, a));
        double ours = Mcells(cells, steps, Stopwatch.GetElapsedTime(began));

        using MetalCommandQueue copies = backend.CreateCommandQueue(QueueKind.Copy, "grid-copy");
        copies.CopyAsync(a, 0, b, 0, (long)cells * sizeof(float)).Wait();
        began = Stopwatch.GetTimestamp();
        for (int step = 0; step < steps; step++)
            copies.CopyAsync(step % 2 == 0 ? a : b, 0, step % 2 == 0 ? b : a, 0, (long)cells * sizeof(float)).Wait();
        double limit = Mcells(cells, steps, Stopwatch.GetElapsedTime(began));
        return new Comparison($"heat2d-metal-{n}", ours, limit, "Mcells/s", Better.Higher);
    }

    private static double Mcells(long cells, int steps, TimeSpan elapsed) => (double)cells * steps / elapsed.TotalMicroseconds;
}
