using RingKernel.Cluster;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using static RingKernel.Tests.Stencils.StencilFieldsForTests;

namespace RingKernel.Tests.Cluster;

/// <summary>Tiled stencils on a cluster of 1 to 3 nodes in this process give the single-grid reference's bits.</summary>
public class ClusterStencilTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Heat_on_several_nodes_equals_the_reference_bit_for_bit(int nodes)
    {
        // 4x3 tiles, halo 2, periodic: a shard is a row of 4 tiles, so 2 and 3 nodes trade halos over the network.
        var size = new GridSize(24, 18);
        var equation = new HeatEquation2D(size, 0.21f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(4, 3));
        float[] initial = Random(size, seed: 19);
        await using LoopbackCluster cluster = await LoopbackCluster.StartAsync(nodes);
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
}
