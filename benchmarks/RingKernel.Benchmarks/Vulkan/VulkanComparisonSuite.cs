using System.Diagnostics;
using RingKernel.Benchmarks.Compare;
using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Kernels;
using RingKernel.Vulkan.Stencils;

namespace RingKernel.Benchmarks.Vulkan;

/// <summary>
/// <c>compare vulkan</c>: the Vulkan backend on whatever device it picks (lavapipe on a machine
/// without a GPU), every dispatch waited for on its fence, so the times are of finished work.
/// <list type="bullet">
/// <item><c>heat2d-vulkan-N</c> and <c>heat2d-vulkan-shared-N</c>: Mcells/s of
/// <see cref="VulkanHeatKernel2D"/> (one thread per cell, 16x16 workgroups, neighbours from global
/// memory or from a shared-memory tile, one dispatch + fence wait a step) against
/// <see cref="HeatBaseline2D"/> (Parallel.For over rows, Vector&lt;float&gt;) on the same periodic
/// 4096² grid; both end on the same field, checked bit for bit. <c>--quick</c> runs fewer steps.
/// Each also gives a <c>-cpu-time</c> line: CPU nanoseconds the process spent per cell, which on
/// lavapipe (the device is the same cores) says how efficient the code is even on a loaded machine.</item>
/// <item><c>dispatch-empty</c>: µs per dispatch of an empty kernel (one thread) including the
/// fence wait, against <see cref="CpuBackend.Dispatch{TArgs}"/> of an empty workgroup body.</item>
/// </list>
/// Without a Vulkan device the suite prints why and measures nothing.
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
        foreach (VulkanStencilMemory memory in (VulkanStencilMemory[])[VulkanStencilMemory.Global, VulkanStencilMemory.SharedTile])
        {
            foreach (Comparison line in Heat2D(backend, 4096, memory, quick ? 2 : 5, quick ? 4 : 10))
                yield return line;
        }

        yield return EmptyDispatch(backend, quick ? 3 : 7, quick ? 2_000 : 10_000);
    }

    private static Comparison[] Heat2D(VulkanBackend backend, int n, VulkanStencilMemory memory, int runs, int steps)
    {
        var equation = new HeatEquation2D(GridSize.Square(n), 0.2f, StencilBoundary.Periodic);
        float[] start = RandomField(equation.Size);
        float[] baselineField = (float[])start.Clone();
        var baseline = new HeatBaseline2D(equation);
        KernelDefinition<VulkanHeatArgs> kernel = VulkanHeatKernel2D.Create(equation, memory: memory);
        long bytes = (long)start.Length * sizeof(float);
        using DeviceBuffer first = backend.MemorySpace.Allocate(bytes), second = backend.MemorySpace.Allocate(bytes);
        start.CopyTo(first.AsSpan<float>(0, start.Length));
        DeviceBuffer current = first, next = second;
        long kernelSteps = 0;

        void Kernel(int count)
        {
            for (int i = 0; i < count; i++)
            {
                backend.Dispatch(kernel, new VulkanHeatArgs(current, next));
                (current, next) = (next, current);
            }

            kernelSteps += count;
        }

        Kernel(2);
        baseline.Run(baselineField, 2);
        double ours = 0, theirs = 0, oursCpu = double.MaxValue, theirsCpu = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            (double mcells, double cpu) = Measure(equation.Size, steps, () => Kernel(steps));
            (ours, oursCpu) = (Math.Max(ours, mcells), Math.Min(oursCpu, cpu));
            (mcells, cpu) = Measure(equation.Size, steps, () => baseline.Run(baselineField, steps));
            (theirs, theirsCpu) = (Math.Max(theirs, mcells), Math.Min(theirsCpu, cpu));
        }

        float[] check = (float[])start.Clone();
        baseline.Run(check, (int)kernelSteps);
        if (!check.AsSpan().SequenceEqual(current.AsSpan<float>(0, check.Length)))
            throw new InvalidOperationException("The Vulkan heat kernel and the baseline disagree after the same number of steps.");
        string name = memory == VulkanStencilMemory.SharedTile ? $"heat2d-vulkan-shared-{n}" : $"heat2d-vulkan-{n}";
        return
        [
            new Comparison(name, ours, theirs, "Mcells/s", Better.Higher),
            new Comparison($"{name}-cpu-time", oursCpu, theirsCpu, "ns/cell", Better.Lower),
        ];
    }

    private static Comparison EmptyDispatch(VulkanBackend backend, int runs, int dispatches)
    {
        KernelDefinition<object?> vulkan = VulkanKernels.Empty();
        var cpu = new CpuBackend();
        var cpuKernel = new KernelDefinition<object?>("empty", new LaunchOptions(1, 1)) { CpuWorkgroupBody = static (_, _) => { } };
        void Ours(int count)
        {
            for (int i = 0; i < count; i++)
                backend.Dispatch(vulkan, null);
        }

        void Baseline(int count)
        {
            for (int i = 0; i < count; i++)
                cpu.Dispatch(cpuKernel, null);
        }

        Ours(dispatches / 10);
        Baseline(dispatches / 10);
        double ours = double.MaxValue, theirs = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            ours = Math.Min(ours, Microseconds(dispatches, () => Ours(dispatches)));
            theirs = Math.Min(theirs, Microseconds(dispatches, () => Baseline(dispatches)));
        }

        return new Comparison("dispatch-empty", ours, theirs, "us", Better.Lower);
    }

    /// <summary>
    /// Mcells/s of wall time, and nanoseconds of this process's CPU time per cell (lavapipe's worker
    /// threads run in this process): the second barely moves when other users load the machine.
    /// </summary>
    private static (double Mcells, double CpuNanoseconds) Measure(GridSize size, int steps, Action run)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        run();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        double cells = (double)size.CellCount * steps;
        return (cells / seconds / 1e6, (process.TotalProcessorTime - cpu).TotalNanoseconds / cells);
    }

    private static double Microseconds(int count, Action run)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / count;
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
