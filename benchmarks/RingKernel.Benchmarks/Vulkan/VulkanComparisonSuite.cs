using System.Diagnostics;
using RingKernel.Benchmarks.Compare;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Benchmarks.Vulkan;

/// <summary>
/// <c>compare vulkan</c>: the Vulkan backend against a plain C Vulkan program
/// (<see cref="VulkanCBaseline"/>) on the same device (lavapipe on a machine without a GPU), with
/// the same SPIR-V, workgroups, descriptors and push constants; every dispatch on either side is
/// one command buffer, submitted and waited for. Short runs alternate, ours then C's (the C program
/// stays started, idle between its runs), and each side reports its best, so the machine's load
/// weighs on both alike.
/// <list type="bullet">
/// <item><c>heat2d-vulkan-N</c> and <c>heat2d-vulkan-shared-N</c>: Mcells/s of
/// <see cref="VulkanHeatKernel2D"/> (16x16 workgroups, neighbours from global memory or from a
/// shared-memory tile, one dispatch + wait a step) on a periodic 4096² grid. Both sides start from
/// the same field, take the same steps and must end on the bits <see cref="HeatBaseline2D"/>
/// computes. <c>--quick</c> runs fewer and shorter runs. Each also gives a <c>-cpu-time</c> line: CPU nanoseconds
/// the process spent per cell, which on lavapipe (the device is the same cores) compares the
/// work done even on a loaded machine.</item>
/// <item><c>dispatch-empty</c>: µs per dispatch of an empty one-thread kernel including the fence
/// wait, and <c>dispatch-empty-cpu-time</c>: CPU µs per dispatch.</item>
/// </list>
/// Without a Vulkan device, or without gcc and the Vulkan headers to build the C program, the suite
/// prints why and measures nothing.
/// </summary>
public sealed class VulkanComparisonSuite : IComparisonSuite
{
    public string Name => "vulkan";

    public IEnumerable<Comparison> Run(bool quick)
    {
        if (!VulkanBackend.IsAvailable)
        {
            Console.WriteLine($"# vulkan: not available here: {VulkanBackend.UnavailableReason}");
            yield break;
        }

        using var backend = new VulkanBackend();
        Console.WriteLine($"# vulkan device: {backend.Device}");
        using VulkanCBaseline? c = VulkanCBaseline.TryBuild(backend.Device, out string? reason);
        if (c is null)
        {
            Console.WriteLine($"# vulkan: no C baseline: {reason}");
            yield break;
        }

        var equation = new HeatEquation2D(GridSize.Square(4096), 0.2f, StencilBoundary.Periodic);
        float[] start = RandomField(equation.Size);
        string startPath = c.WriteField("start", start);
        foreach (VulkanStencilMemory memory in (VulkanStencilMemory[])[VulkanStencilMemory.Global, VulkanStencilMemory.SharedTile])
        {
            foreach (Comparison line in Heat2D(backend, c, equation, start, startPath, memory, quick ? 5 : 9, quick ? 2 : 4))
                yield return line;
        }

        foreach (Comparison line in EmptyDispatch(backend, c, quick ? 7 : 9, quick ? 2_000 : 10_000))
            yield return line;
    }

    private static Comparison[] Heat2D(VulkanBackend backend, VulkanCBaseline c, HeatEquation2D equation, float[] start, string startPath,
        VulkanStencilMemory memory, int runs, int steps)
    {
        // One step builds the pipeline (ours) and touches every page of both fields.
        const int Warmup = 1;
        KernelDefinition<VulkanHeatArgs> kernel = VulkanHeatKernel2D.Create(equation, memory: memory);
        string shader = memory == VulkanStencilMemory.SharedTile ? "heat2d_step_shared" : "heat2d_step";
        long bytes = (long)start.Length * sizeof(float);
        using DeviceBuffer first = backend.MemorySpace.Allocate(bytes), second = backend.MemorySpace.Allocate(bytes);
        start.CopyTo(first.AsSpan<float>(0, start.Length));
        DeviceBuffer current = first, next = second;

        void Kernel(int count)
        {
            for (int i = 0; i < count; i++)
            {
                backend.Dispatch(kernel, new VulkanHeatArgs(current, next));
                (current, next) = (next, current);
            }
        }

        using VulkanCBaselineProcess theirs = c.StartHeat(shader, equation, kernel.Options.Workgroup, startPath, Warmup);
        Kernel(Warmup);
        double ours = 0, baseline = 0, oursCpu = double.MaxValue, baselineCpu = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            (double mcells, double cpu) = Measure(equation.Size, steps, () => Kernel(steps));
            (ours, oursCpu) = (Math.Max(ours, mcells), Math.Min(oursCpu, cpu));
            (mcells, cpu) = theirs.Steps(steps);
            (baseline, baselineCpu) = (Math.Max(baseline, mcells), Math.Min(baselineCpu, cpu));
        }

        // Both sides took the same steps from the same field: they must agree with each other and with HeatBaseline2D.
        float[] theirField = new float[start.Length];
        c.ReadField(theirs, theirField);
        float[] check = (float[])start.Clone();
        new HeatBaseline2D(equation).Run(check, Warmup + runs * steps);
        if (!check.AsSpan().SequenceEqual(current.AsSpan<float>(0, check.Length)))
            throw new InvalidOperationException("The Vulkan heat kernel and HeatBaseline2D disagree after the same number of steps.");
        if (!check.AsSpan().SequenceEqual(theirField))
            throw new InvalidOperationException("The C baseline's heat steps and HeatBaseline2D disagree after the same number of steps.");
        string name = memory == VulkanStencilMemory.SharedTile ? $"heat2d-vulkan-shared-{equation.Size.Width}" : $"heat2d-vulkan-{equation.Size.Width}";
        return
        [
            new Comparison(name, ours, baseline, "Mcells/s", Better.Higher),
            new Comparison($"{name}-cpu-time", oursCpu, baselineCpu, "ns/cell", Better.Lower),
        ];
    }

    private static Comparison[] EmptyDispatch(VulkanBackend backend, VulkanCBaseline c, int runs, int dispatches)
    {
        KernelDefinition<object?> empty = VulkanKernels.Empty();
        void Ours(int count)
        {
            for (int i = 0; i < count; i++)
                backend.Dispatch(empty, null);
        }

        // Long enough for the JIT to have replaced the dispatch path with its optimised code.
        long warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalSeconds < 1)
            Ours(100);
        using VulkanCBaselineProcess theirs = c.StartEmpty(dispatches);
        double ours = double.MaxValue, baseline = double.MaxValue, oursCpu = double.MaxValue, baselineCpu = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            (double wall, double cpu) = Microseconds(dispatches, () => Ours(dispatches));
            (ours, oursCpu) = (Math.Min(ours, wall), Math.Min(oursCpu, cpu));
            (wall, cpu) = theirs.Dispatches(dispatches);
            (baseline, baselineCpu) = (Math.Min(baseline, wall), Math.Min(baselineCpu, cpu));
        }

        return
        [
            new Comparison("dispatch-empty", ours, baseline, "us", Better.Lower),
            new Comparison("dispatch-empty-cpu-time", oursCpu, baselineCpu, "us", Better.Lower),
        ];
    }

    /// <summary>
    /// Mcells/s of wall time, and nanoseconds of this process's CPU time per cell (lavapipe's worker
    /// threads run in this process): the second barely moves when other users load the machine.
    /// </summary>
    private static (double Mcells, double CpuNanoseconds) Measure(GridSize size, int steps, Action run)
    {
        (double seconds, double cpuSeconds) = Time(run);
        double cells = (double)size.CellCount * steps;
        return (cells / seconds / 1e6, cpuSeconds * 1e9 / cells);
    }

    /// <summary>Microseconds of wall time and of this process's CPU time per one of <paramref name="count"/> operations.</summary>
    private static (double Wall, double Cpu) Microseconds(int count, Action run)
    {
        (double seconds, double cpuSeconds) = Time(run);
        return (seconds * 1e6 / count, cpuSeconds * 1e6 / count);
    }

    private static (double Seconds, double CpuSeconds) Time(Action run)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        run();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Values in [0, 1): with a periodic boundary the field keeps its mean and never reaches denormals.</summary>
    private static float[] RandomField(GridSize size)
    {
        var random = new Random(42);
        var field = new float[size.CellCount];
        for (int i = 0; i < field.Length; i++)
            field[i] = random.NextSingle();
        return field;
    }
}
