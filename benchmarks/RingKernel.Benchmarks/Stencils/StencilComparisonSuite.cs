using System.Diagnostics;
using Akka.Actor;
using RingKernel.Benchmarks.Compare;
using RingKernel.Cpu;
using RingKernel.Cpu.Stencils;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

namespace RingKernel.Benchmarks.Stencils;

/// <summary>
/// <c>compare stencil</c>: stencil steps in millions of cell updates per second (Mcells/s), wall
/// clock over whole synchronous steps, best of 9 (quick) or 11 runs per side, sides alternating: on a
/// shared two-core machine the best run is the one least disturbed by other load.
/// <list type="bullet">
/// <item><c>heat2d-512-main-job</c>, <c>heat2d-4096-main-job</c>, <c>wave3d-256-main-job</c>: the
/// samples' default tiled actor engine against their grid engine (see <see cref="MainJobComparison"/>).</item>
/// <item><c>stencil2d-gpu-style-512</c>: ours is <see cref="CpuHeatKernel2D"/>, the per-thread
/// kernel (16x16 coroutine threads a workgroup, tile and halo in shared memory) dispatched once a
/// step on <see cref="CpuBackend"/>; the baseline is <see cref="HeatBaseline2D"/> on the same
/// 512² periodic grid. Both end on the same field, checked bit for bit after the runs.</item>
/// <item><c>heat2d-4096-tiled</c>, <c>heat2d-256-16x16tiles</c>: ours is <see cref="TiledHeat2D"/>,
/// one kernel actor per tile, its persistent ring kernel (2x2 tiles with a 2-cell halo; 16x16 tiles with a 14-cell
/// halo), run as coroutines on the CPU backend's workers (one per core), halos exchanged over K2K,
/// the host sending RunSteps and waiting for every tile's progress reply; the baseline is
/// <see cref="HeatBaseline2D"/> on the same periodic grid. <c>-nocrc</c>: the same without the
/// halo chunks' CRC-32C (<see cref="TiledStencilOptions.Checksummed"/> off).</item>
/// <item><c>wave3d-256-tiled</c>: ours is
/// <see cref="TiledWave3D"/>, 1x2x2 tiles (cut across Y and Z, whose faces are whole rows) with a 1-cell halo; the baseline <see cref="WaveBaseline3D"/>.</item>
/// </list>
/// Every tiled line ends on the same bits as its baseline after the same number of steps, checked after the runs.
/// </summary>
public sealed class StencilComparisonSuite : IComparisonSuite
{
    private const string Unit = "Mcells/s";

    // Inboxes that hold a whole face strip (a 256x128 face is 142 chunks): a tile sends its faces without waiting for the receiver.
    private static readonly TiledStencilOptions WaveOptions = new() { InboxCapacity = 256 };

    public string Name => "stencil";

    public IEnumerable<Comparison> Run(bool quick)
    {
        int runs = quick ? 9 : 11;
        yield return MainJobComparison.Heat2D(512, 1000, quick ? 5 : 9);
        yield return MainJobComparison.Heat2D(4096, quick ? 40 : 200, quick ? 2 : 3);
        yield return MainJobComparison.Wave3D(256, quick ? 20 : 100, quick ? 2 : 3);
        yield return GpuStyle2D(runs, quick ? 8 : 20);
        ActorSystem system = BenchmarkActorSystem.Create("stencil");
        try
        {
            yield return TiledHeat(system, "heat2d-4096-tiled", 4096, new Dim3(2, 2), halo: 2, new TiledStencilOptions(), runs, quick ? 10 : 30);

            // Small tiles: a 14-cell halo makes every strip (14x16 faces, 14x14 corners) one chunk per 14
            // steps; two-chunk inboxes keep the 2,048 inboxes' memory small (both measured fastest).
            yield return TiledHeat(system, "heat2d-256-16x16tiles", 256, new Dim3(16, 16), halo: 14, new TiledStencilOptions { InboxCapacity = 2 }, runs, quick ? 308 : 1596);
            yield return TiledHeat(system, "heat2d-256-16x16tiles-nocrc", 256, new Dim3(16, 16), halo: 14, new TiledStencilOptions { InboxCapacity = 2, Checksummed = false }, runs, quick ? 308 : 1596);
            yield return TiledWave(system, 256, runs, quick ? 8 : 20);
        }
        finally
        {
            BenchmarkActorSystem.Shutdown(system);
        }
    }

    private static Comparison TiledHeat(ActorSystem system, string name, int n, Dim3 tiles, int halo, TiledStencilOptions options, int runs, int steps)
    {
        var equation = new HeatEquation2D(GridSize.Square(n), 0.2f, StencilBoundary.Periodic);
        float[] start = RandomField(equation.Size);
        float[] baselineField = (float[])start.Clone();
        var baseline = new HeatBaseline2D(equation);
        TiledHeat2D tiled = TiledHeat2D.StartAsync(system, new CpuBackend(), equation, TileGrid.Create(equation.Size, tiles), halo, start, options).GetAwaiter().GetResult();
        try
        {
            double ours = Best(equation.Size, runs, steps, count => tiled.RunStepsAsync(count).GetAwaiter().GetResult());
            double theirs = Best(equation.Size, runs, steps, count => baseline.Run(baselineField, count));

            float[] tiledField = new float[start.Length];
            tiled.SnapshotAsync(tiledField).GetAwaiter().GetResult();
            float[] check = (float[])start.Clone();
            baseline.Run(check, (int)tiled.Engine.StepsDone);
            if (!check.AsSpan().SequenceEqual(tiledField))
                throw new InvalidOperationException($"{name}: the tiled engine and the baseline disagree after the same number of steps.");
            return new Comparison(name, ours, theirs, Unit, Better.Higher);
        }
        finally
        {
            tiled.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static Comparison TiledWave(ActorSystem system, int n, int runs, int steps)
    {
        var equation = new WaveEquation3D(GridSize.Cube(n), 0.25f, StencilBoundary.Periodic);
        float[] startPrevious = RandomField(equation.Size), startCurrent = RandomField(equation.Size, seed: 7);
        float[] previous = (float[])startPrevious.Clone(), current = (float[])startCurrent.Clone();
        var baseline = new WaveBaseline3D(equation);
        TiledWave3D tiled = TiledWave3D.StartAsync(system, new CpuBackend(), equation, TileGrid.Create(equation.Size, new Dim3(1, 2, 2)), 1, startPrevious, startCurrent, WaveOptions).GetAwaiter().GetResult();
        string name = $"wave3d-{n}-tiled";
        try
        {
            double ours = Best(equation.Size, runs, steps, count => tiled.RunStepsAsync(count).GetAwaiter().GetResult());
            double theirs = Best(equation.Size, runs, steps, count => baseline.Run(previous, current, count));

            float[] tiledPrevious = new float[previous.Length], tiledCurrent = new float[current.Length];
            tiled.SnapshotAsync(tiledPrevious, tiledCurrent).GetAwaiter().GetResult();
            float[] checkPrevious = (float[])startPrevious.Clone(), checkCurrent = (float[])startCurrent.Clone();
            baseline.Run(checkPrevious, checkCurrent, (int)tiled.Engine.StepsDone);
            if (!checkCurrent.AsSpan().SequenceEqual(tiledCurrent) || !checkPrevious.AsSpan().SequenceEqual(tiledPrevious))
                throw new InvalidOperationException($"{name}: the tiled engine and the baseline disagree after the same number of steps.");
            return new Comparison(name, ours, theirs, Unit, Better.Higher);
        }
        finally
        {
            tiled.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Warms <paramref name="run"/> up on runs of the timed size (a tiled engine exchanges halos only every few steps), then returns the best Mcells/s of <paramref name="runs"/> timed runs of <paramref name="steps"/> steps.</summary>
    private static double Best(GridSize size, int runs, int steps, Action<int> run)
    {
        WarmUp(() => run(steps));
        double best = 0;
        for (int r = 0; r < runs; r++)
            best = Math.Max(best, Mcells(size, steps, () => run(steps)));
        return best;
    }

    private static Comparison GpuStyle2D(int runs, int steps)
    {
        var equation = new HeatEquation2D(GridSize.Square(512), 0.2f, StencilBoundary.Periodic);
        float[] start = RandomField(equation.Size);
        float[] kernelField = (float[])start.Clone(), kernelScratch = new float[start.Length];
        float[] baselineField = (float[])start.Clone();
        var backend = new CpuBackend();
        var kernel = CpuHeatKernel2D.Create(equation, 16, 16);
        var baseline = new HeatBaseline2D(equation);
        long kernelSteps = 0, baselineSteps = 0;

        void Kernel(int n)
        {
            for (int i = 0; i < n; i++)
            {
                backend.Dispatch(kernel, new CpuHeatArgs(equation, kernelField, kernelScratch));
                (kernelField, kernelScratch) = (kernelScratch, kernelField);
            }

            kernelSteps += n;
        }

        void Baseline(int n)
        {
            baseline.Run(baselineField, n);
            baselineSteps += n;
        }

        WarmUp(() => Kernel(steps));
        WarmUp(() => Baseline(steps * 20));
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

    /// <summary>
    /// Runs <paramref name="work"/> until it stops getting faster: at least 1 s, then until 5 runs
    /// in a row are not 3% faster than the fastest before them (at most 3 s). The JIT replaces the
    /// hot loops with optimized code over the process's first seconds, in steps with plateaus
    /// between them (longer while both cores are busy), so 400 ms left the first lines of a run
    /// timing partly unoptimized code.
    /// </summary>
    private static void WarmUp(Action work)
    {
        long start = Stopwatch.GetTimestamp();
        TimeSpan fastest = TimeSpan.MaxValue;
        int sinceFaster = 0;
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(1)
            || (sinceFaster < 5 && Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(3)))
        {
            long runStart = Stopwatch.GetTimestamp();
            work();
            TimeSpan took = Stopwatch.GetElapsedTime(runStart);
            if (took < fastest * 0.97)
            {
                fastest = took;
                sinceFaster = 0;
            }
            else
            {
                sinceFaster++;
            }
        }
    }

    private static double Mcells(GridSize size, int steps, Action run)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        return (double)size.CellCount * steps / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e6;
    }

    /// <summary>Values in [0, 1): with a periodic boundary the field keeps its mean and never reaches denormals, which would slow every side.</summary>
    internal static float[] RandomField(GridSize size, int seed = 42)
    {
        var random = new Random(seed);
        var field = new float[size.CellCount];
        for (int i = 0; i < field.Length; i++)
            field[i] = random.NextSingle();
        return field;
    }
}
