using System.Diagnostics;
using System.Globalization;
using RingKernel.Benchmarks.Compare;
using RingKernel.Cpu;
using RingKernel.Stencils;

namespace RingKernel.Benchmarks.Stencils;

/// <summary>
/// <c>compare stencil</c>: stencil steps in millions of cell updates per second (Mcells/s), wall
/// clock over whole synchronous steps, best of several runs per side, sides alternating.
/// <list type="bullet">
/// <item><c>stencil2d-gpu-style-512</c>: ours is <see cref="HeatKernel2D"/>, the per-thread
/// kernel (16x16 coroutine threads a workgroup, tile and halo in shared memory) dispatched once a
/// step on <see cref="CpuBackend"/>; the baseline is <see cref="HeatBaseline2D"/> on the same
/// 512² periodic grid. Both end on the same field, checked bit for bit after the runs.</item>
/// </list>
/// Figures with nothing of ours to compare yet (the baselines at the sizes the tiled actor engine
/// will be measured at) are printed as <c># baseline</c> comment lines.
/// </summary>
public sealed class StencilComparisonSuite : IComparisonSuite
{
    private const string Unit = "Mcells/s";

    public string Name => "stencil";

    public IEnumerable<Comparison> Run(bool quick)
    {
        int runs = quick ? 5 : 11;
        yield return GpuStyle2D(runs, quick ? 8 : 20);
        PrintBaseline("heat2d-4096", Heat2DBaseline(4096, runs, quick ? 10 : 30));
        PrintBaseline("heat2d-256", Heat2DBaseline(256, runs, quick ? 400 : 2000));
        PrintBaseline("wave3d-256", Wave3DBaseline(256, runs, quick ? 8 : 20));
    }

    private static Comparison GpuStyle2D(int runs, int steps)
    {
        var equation = new HeatEquation2D(GridSize.Square(512), 0.2f, StencilBoundary.Periodic);
        float[] start = RandomField(equation.Size);
        float[] kernelField = (float[])start.Clone(), kernelScratch = new float[start.Length];
        float[] baselineField = (float[])start.Clone();
        var backend = new CpuBackend();
        var kernel = HeatKernel2D.Create(equation, 16, 16);
        var baseline = new HeatBaseline2D(equation);
        long kernelSteps = 0, baselineSteps = 0;

        void Kernel(int n)
        {
            for (int i = 0; i < n; i++)
            {
                backend.Dispatch(kernel, new HeatKernelArgs(equation, kernelField, kernelScratch));
                (kernelField, kernelScratch) = (kernelScratch, kernelField);
            }

            kernelSteps += n;
        }

        void Baseline(int n)
        {
            baseline.Run(baselineField, n);
            baselineSteps += n;
        }

        WarmUp(() => Kernel(1));
        WarmUp(() => Baseline(10));
        double ours = 0, theirs = 0;
        for (int r = 0; r < runs; r++)
        {
            ours = Math.Max(ours, Mcells(equation.Size, steps, () => Kernel(steps)));
            theirs = Math.Max(theirs, Mcells(equation.Size, steps * 20, () => Baseline(steps * 20)));
        }

        // Same work: bring the baseline to the kernel's step count and require the same bits.
        float[] check = (float[])start.Clone();
        baseline.Run(check, (int)kernelSteps);
        if (!check.AsSpan().SequenceEqual(kernelField))
            throw new InvalidOperationException("The per-thread kernel and the baseline disagree after the same number of steps.");
        return new Comparison("stencil2d-gpu-style-512", ours, theirs, Unit, Better.Higher);
    }

    private static double Heat2DBaseline(int n, int runs, int steps)
    {
        var equation = new HeatEquation2D(GridSize.Square(n), 0.2f, StencilBoundary.Periodic);
        float[] field = RandomField(equation.Size);
        var baseline = new HeatBaseline2D(equation);
        WarmUp(() => baseline.Run(field, 2));
        double best = 0;
        for (int r = 0; r < runs; r++)
            best = Math.Max(best, Mcells(equation.Size, steps, () => baseline.Run(field, steps)));
        return best;
    }

    private static double Wave3DBaseline(int n, int runs, int steps)
    {
        var equation = new WaveEquation3D(GridSize.Cube(n), 0.25f, StencilBoundary.Periodic);
        float[] previous = RandomField(equation.Size), current = RandomField(equation.Size);
        var baseline = new WaveBaseline3D(equation);
        WarmUp(() => baseline.Run(previous, current, 2));
        double best = 0;
        for (int r = 0; r < runs; r++)
            best = Math.Max(best, Mcells(equation.Size, steps, () => baseline.Run(previous, current, steps)));
        return best;
    }

    private static void PrintBaseline(string name, double mcells) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"# baseline {name}: {mcells:0} {Unit} (single grid, Parallel.For over rows + Vector<float>, {Environment.ProcessorCount} cores; nothing of ours to compare yet)"));

    /// <summary>Runs <paramref name="work"/> for at least 400 ms so the hot loops reach tier-1 code before timing.</summary>
    private static void WarmUp(Action work)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromMilliseconds(400))
            work();
    }

    private static double Mcells(GridSize size, int steps, Action run)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        return (double)size.CellCount * steps / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e6;
    }

    /// <summary>Values in [0, 1): with a periodic boundary the field keeps its mean and never reaches denormals, which would slow every side.</summary>
    private static float[] RandomField(GridSize size)
    {
        var random = new Random(42);
        var field = new float[size.CellCount];
        for (int i = 0; i < field.Length; i++)
            field[i] = random.NextSingle();
        return field;
    }
}
