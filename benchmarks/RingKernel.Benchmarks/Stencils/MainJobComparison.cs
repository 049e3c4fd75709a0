using RingKernel.Benchmarks.Compare;
using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

namespace RingKernel.Benchmarks.Stencils;

/// <summary>
/// The README's main job as the samples run it, against their grid engine in the same process:
/// ours is the default tiled run (<see cref="TiledEngineRules.DefaultLayout"/>: slabs, one per core or more to fit the cache,
/// every tile a supervised kernel actor, <see cref="TileActorHost.EngineOptions"/> without --checkpoints),
/// driven through <see cref="TileActorHost"/> in the batches the progress bar drives it in (<see cref="StepBatches"/>);
/// the baseline is <see cref="HeatBaseline2D"/> (or <see cref="WaveBaseline3D"/>) in the same batches.
/// Each run starts from the sample's initial field and times only the steps (start-up and shutdown
/// are not timed, as in the sample's Mcells/s); sides alternate, best run each; every pair of runs
/// ends on the same bits.
/// </summary>
internal static class MainJobComparison
{
    /// <summary><c>heat2d-N-main-job</c>: HeatDiffusion's run (hot square, alpha 0.24, fixed boundary) for <paramref name="steps"/> steps.</summary>
    public static Comparison Heat2D(int n, int steps, int runs)
    {
        var equation = new HeatEquation2D(GridSize.Square(n), 0.24f, StencilBoundary.Fixed(0f));
        float[] start = InitialConditions.HotSquare(equation.Size, ambient: 0f, hot: 1f, fraction: 0.25);
        (Dim3 tiles, int halo) = TiledEngineRules.DefaultLayout(equation.Size);
        TileGrid grid = TileGrid.Create(equation.Size, tiles);
        halo = Math.Min(halo, grid.MaxHaloWidth);

        float[] Tiled(out TimeSpan elapsed)
        {
            using var host = new TileActorHost("main-job");
            TiledHeat2D tiled = TiledHeat2D.StartAsync(host.System, host.Backend, equation, grid, halo, start, TileActorHost.EngineOptions(checkpoints: false)).GetAwaiter().GetResult();
            try
            {
                elapsed = InBatches(steps, batch => host.RunSteps(tiled.Engine, batch));
                float[] field = new float[start.Length];
                tiled.SnapshotAsync(field).GetAwaiter().GetResult();
                return field;
            }
            finally
            {
                tiled.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        // One baseline for every run, as the sample's grid engine keeps one.
        var baseline = new HeatBaseline2D(equation);

        float[] next = new float[start.Length];

        // As the sample's grid engine: two levels stepped into each other, nothing copied per batch.
        float[] Grid(out TimeSpan elapsed)
        {
            float[] current = (float[])start.Clone();
            elapsed = InBatches(steps, batch =>
            {
                for (int step = 0; step < batch; step++)
                {
                    baseline.Step(current, next);
                    (current, next) = (next, current);
                }
            });
            return current;
        }

        return Alternate($"heat2d-{n}-main-job", equation.Size, steps, runs, Tiled, Grid);
    }

    /// <summary><c>wave3d-N-main-job</c>: Wave3D's run (Gaussian pulse at rest, c2 0.25, fixed boundary) for <paramref name="steps"/> steps.</summary>
    public static Comparison Wave3D(int n, int steps, int runs)
    {
        var equation = new WaveEquation3D(GridSize.Cube(n), 0.25f, StencilBoundary.Fixed(0f));
        float[] start = InitialConditions.GaussianPulse(equation.Size, amplitude: 1f, sigmaFraction: 0.04);
        (Dim3 tiles, int halo) = TiledEngineRules.DefaultLayout(equation.Size);
        TileGrid grid = TileGrid.Create(equation.Size, tiles);
        halo = Math.Min(halo, grid.MaxHaloWidth);

        float[] Tiled(out TimeSpan elapsed)
        {
            using var host = new TileActorHost("main-job");
            TiledWave3D tiled = TiledWave3D.StartAsync(host.System, host.Backend, equation, grid, halo, start, start, TileActorHost.EngineOptions(checkpoints: false)).GetAwaiter().GetResult();
            try
            {
                elapsed = InBatches(steps, batch => host.RunSteps(tiled.Engine, batch));
                float[] previous = new float[start.Length], current = new float[start.Length];
                tiled.SnapshotAsync(previous, current).GetAwaiter().GetResult();
                return current;
            }
            finally
            {
                tiled.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        var baseline = new WaveBaseline3D(equation);

        float[] Grid(out TimeSpan elapsed)
        {
            float[] older = (float[])start.Clone(), newer = (float[])start.Clone();
            elapsed = InBatches(steps, batch =>
            {
                for (int step = 0; step < batch; step++)
                {
                    baseline.Step(older, newer, older);
                    (older, newer) = (newer, older);
                }
            });
            return newer;
        }

        return Alternate($"wave3d-{n}-main-job", equation.Size, steps, runs, Tiled, Grid);
    }

    private delegate float[] TimedRun(out TimeSpan elapsed);

    /// <summary>One untimed pair to warm up, then <paramref name="runs"/> pairs, ours first; the best Mcells/s of each side.</summary>
    private static Comparison Alternate(string name, GridSize size, int steps, int runs, TimedRun ours, TimedRun theirs)
    {
        double best = 0, bestBaseline = 0;
        for (int run = 0; run <= runs; run++)
        {
            float[] oursField = ours(out TimeSpan oursTime);
            float[] theirsField = theirs(out TimeSpan theirsTime);
            if (!oursField.AsSpan().SequenceEqual(theirsField))
                throw new InvalidOperationException($"{name}: the tiled actor engine and the grid engine disagree after {steps} steps.");
            if (run == 0)
                continue;
            best = Math.Max(best, size.CellCount * (double)steps / oursTime.TotalSeconds / 1e6);
            bestBaseline = Math.Max(bestBaseline, size.CellCount * (double)steps / theirsTime.TotalSeconds / 1e6);
        }

        return new Comparison(name, best, bestBaseline, "Mcells/s", Better.Higher);
    }

    /// <summary>Runs <paramref name="steps"/> steps in the batches the samples' progress bar drives them in (<see cref="StepBatches"/>); the time spent inside them.</summary>
    private static TimeSpan InBatches(int steps, Action<int> runSteps) => StepBatches.Run(steps, runSteps);
}
