using System.Diagnostics;
using RingKernel.Cluster;
using RingKernel.Stencils;

namespace RingKernel.Benchmarks.Cluster;

/// <summary>One measured heat run on the cluster: its best rate and its halo traffic per step.</summary>
/// <param name="Mcells">Best Mcells/s over the timed runs.</param>
/// <param name="RemoteBytesPerStep">Halo bytes the nodes' bridges sent over Akka.Remote per step (chunk headers and floats), summed over the nodes.</param>
/// <param name="K2KBytesPerStep">Halo bytes the nodes' K2K fabrics carried per step, summed over the nodes.</param>
/// <param name="Nodes">The nodes that hosted tiles.</param>
internal sealed record ClusterHeatThroughput(double Mcells, double RemoteBytesPerStep, double K2KBytesPerStep, int Nodes)
{
    /// <summary>Steps per second at the best rate.</summary>
    public double StepsPerSecond(GridSize size) => Mcells * 1e6 / size.CellCount;

    /// <summary>
    /// Runs <paramref name="simulation"/> on every node of <paramref name="nodes"/>: one warm-up run and
    /// <paramref name="runs"/> timed runs of <paramref name="steps"/> steps (one command to every tile
    /// each, no checkpoints), then checks the field against <see cref="HeatBaseline2D"/> bit for bit.
    /// </summary>
    public static async Task<ClusterHeatThroughput> MeasureAsync(LoopbackNodes nodes, ClusterSimulation simulation, float[] start, int runs, int steps)
    {
        GridSize size = simulation.Grid.Size;
        await using ClusterStencilRun run = await ClusterStencilRun.StartAsync(nodes.Seed, simulation, [start]);
        await run.RunStepsAsync(steps);
        double best = 0;
        for (int r = 0; r < runs; r++)
        {
            long begin = Stopwatch.GetTimestamp();
            await run.RunStepsAsync(steps);
            best = Math.Max(best, (double)size.CellCount * steps / Stopwatch.GetElapsedTime(begin).TotalSeconds / 1e6);
        }

        IReadOnlyList<ClusterNodeReport> reports = await run.ReportAsync();
        float[] field = (await run.SnapshotAsync())[0];
        float[] expected = (float[])start.Clone();
        new HeatBaseline2D(simulation.HeatEquation!).Run(expected, (int)run.StepsDone);
        if (!expected.AsSpan().SequenceEqual(field))
            throw new InvalidOperationException($"{simulation} on {nodes.Nodes.Count} node(s): the cluster and the baseline disagree after {run.StepsDone} steps.");
        if (run.Recoveries.Count > 0)
            throw new InvalidOperationException($"{simulation} on {nodes.Nodes.Count} node(s) recovered during the measurement: {run.Recoveries[0]}.");
        return new ClusterHeatThroughput(
            best,
            (double)reports.Sum(report => report.RemoteBytesSent) / run.StepsDone,
            (double)reports.Sum(report => report.K2KBytes) / run.StepsDone,
            run.Placement.Distinct().Count());
    }
}
