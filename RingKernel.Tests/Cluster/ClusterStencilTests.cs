using RingKernel.Cluster;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using static RingKernel.Tests.Stencils.StencilFieldsForTests;

namespace RingKernel.Tests.Cluster;

/// <summary>Tiled stencils on a cluster of 1 to 3 nodes in this process give the single-grid reference's bits, also when a node dies or joins mid-run.</summary>
public class ClusterStencilTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Heat_and_wave_on_one_two_and_three_nodes_equal_the_reference_bit_for_bit()
    {
        await using LoopbackCluster cluster = await LoopbackCluster.StartAsync(1);
        for (int nodes = 1; nodes <= 3; nodes++)
        {
            if (nodes > 1)
            {
                await cluster.AddNodeAsync().WaitAsync(Bound);
                await cluster.Seed.WaitForNodesAsync(nodes, Bound);
            }

            await AssertHeatAsync(cluster, nodes);
            await AssertWaveAsync(cluster, nodes);
        }
    }

    [Fact]
    public async Task A_node_killed_mid_run_has_its_tiles_restored_from_checkpoints_on_the_others()
    {
        var size = new GridSize(24, 18);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Fixed(0.5f));
        TileGrid grid = TileGrid.Create(size, new Dim3(3, 3));
        float[] initial = Random(size, seed: 7);
        await using LoopbackCluster cluster = await LoopbackCluster.StartAsync(3);
        var simulation = ClusterSimulation.Heat2D(equation, grid, 3);
        await using ClusterStencilRun run = await ClusterStencilRun.StartAsync(cluster.Seed, simulation, [initial], new ClusterRunOptions { CheckpointInterval = 6 }).WaitAsync(Bound);
        await run.RunStepsAsync(12).WaitAsync(Bound);
        ClusterStencilNode victim = cluster.Nodes[2];
        int[] lostTiles = [.. Enumerable.Range(0, grid.TileCount).Where(tile => run.Placement[tile] == victim.Address)];
        Assert.NotEmpty(lostTiles);

        // The loss ends the command in progress, or the next one if this one ends first.
        Task<long> running = run.RunStepsAsync(48);
        await cluster.KillAsync(victim);
        Assert.Equal(60, await running.WaitAsync(Bound));
        float[][] actual = await run.SnapshotAsync().WaitAsync(Bound);

        float[] expected = (float[])initial.Clone();
        HeatReference2D.Run(equation, expected, 60);
        AssertBitwiseEqual(expected, actual[0], size);
        Assert.NotEmpty(run.Recoveries);
        Assert.DoesNotContain(victim.Address, run.Placement);
        Assert.Equal(2, run.Placement.Distinct().Count());
    }

    [Fact]
    public async Task A_node_that_joins_mid_run_takes_tiles_and_the_field_stays_exact()
    {
        var size = new GridSize(24, 24);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(2, 4));
        float[] initial = Random(size, seed: 11);
        await using LoopbackCluster cluster = await LoopbackCluster.StartAsync(2);
        var simulation = ClusterSimulation.Heat2D(equation, grid, 2);
        await using ClusterStencilRun run = await ClusterStencilRun.StartAsync(cluster.Seed, simulation, [initial], new ClusterRunOptions { CheckpointInterval = 4 }).WaitAsync(Bound);
        await run.RunStepsAsync(8).WaitAsync(Bound);
        ClusterStencilNode joined = await cluster.AddNodeAsync().WaitAsync(Bound);

        // The shard coordinator rebalances a shard to the new node; the run moves with it at its next generation.
        using var limit = new CancellationTokenSource(Bound);
        while (!run.Placement.Contains(joined.Address))
        {
            limit.Token.ThrowIfCancellationRequested();
            await run.RunStepsAsync(4).WaitAsync(Bound);
        }

        long steps = await run.RunStepsAsync(8).WaitAsync(Bound);
        float[][] actual = await run.SnapshotAsync().WaitAsync(Bound);
        float[] expected = (float[])initial.Clone();
        HeatReference2D.Run(equation, expected, (int)steps);
        AssertBitwiseEqual(expected, actual[0], size);
        Assert.Equal(3, run.Placement.Distinct().Count());
    }

    private static async Task AssertHeatAsync(LoopbackCluster cluster, int nodes)
    {
        // 4x3 tiles, halo 2, periodic: a shard is a row of 4 tiles, so 2 and 3 nodes trade halos over the network.
        var size = new GridSize(24, 18);
        var equation = new HeatEquation2D(size, 0.21f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(4, 3));
        float[] initial = Random(size, seed: 19 + nodes);
        var simulation = ClusterSimulation.Heat2D(equation, grid, 2, new TiledStencilOptions { ChunkElements = 7, InboxCapacity = 2 });
        await using ClusterStencilRun run = await ClusterStencilRun.StartAsync(cluster.Seed, simulation, [initial]).WaitAsync(Bound);
        await run.RunStepsAsync(5).WaitAsync(Bound);
        Assert.Equal(11, await run.RunStepsAsync(6).WaitAsync(Bound));
        float[][] actual = await run.SnapshotAsync().WaitAsync(Bound);

        float[] expected = (float[])initial.Clone();
        HeatReference2D.Run(equation, expected, 11);
        AssertBitwiseEqual(expected, actual[0], size);
        Assert.Equal(nodes, run.Placement.Distinct().Count());
        IReadOnlyList<ClusterNodeReport> reports = await run.ReportAsync().WaitAsync(Bound);
        Assert.Equal(grid.TileCount, reports.Sum(report => report.Tiles.Length));
        Assert.All(reports, report => Assert.Equal(nodes > 1, report.RemoteChunksSent > 0));
        Assert.Equal(reports.Sum(report => report.RemoteChunksSent), reports.Sum(report => report.RemoteChunksReceived));
        Assert.All(reports, report => Assert.Equal(0, report.Rejected));
        Assert.Empty(run.Recoveries);
    }

    private static async Task AssertWaveAsync(LoopbackCluster cluster, int nodes)
    {
        // 2x2x3 tiles of 6x6x4, halo 1, fixed: a shard is a plane of 4 tiles.
        var size = new GridSize(12, 12, 12);
        var equation = new WaveEquation3D(size, 0.15f, StencilBoundary.Fixed(0f));
        TileGrid grid = TileGrid.Create(size, new Dim3(2, 2, 3));
        float[] previous = Random(size, seed: 3 + nodes);
        float[] current = Random(size, seed: 5 + nodes);
        await using ClusterStencilRun run = await ClusterStencilRun.StartAsync(cluster.Seed, ClusterSimulation.Wave3D(equation, grid, 1), [previous, current]).WaitAsync(Bound);
        Assert.Equal(7, await run.RunStepsAsync(7).WaitAsync(Bound));
        float[][] actual = await run.SnapshotAsync().WaitAsync(Bound);

        WaveReference3D.Run(equation, previous, current, 7);
        AssertBitwiseEqual(previous, actual[0], size);
        AssertBitwiseEqual(current, actual[1], size);
        Assert.Equal(nodes, run.Placement.Distinct().Count());
        Assert.Empty(run.Recoveries);
    }
}
