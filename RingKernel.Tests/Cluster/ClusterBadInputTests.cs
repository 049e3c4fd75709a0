using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using RingKernel.Cluster;
using RingKernel.Cluster.Protocol;
using RingKernel.Cpu;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;
using static RingKernel.Tests.Stencils.StencilFieldsForTests;

namespace RingKernel.Tests.Cluster;

/// <summary>A node that cannot join or listen says so in one line; halo messages that do not belong are rejected, logged, and never reach a tile.</summary>
public class ClusterBadInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_whose_seed_does_not_answer_fails_to_join_in_one_line()
    {
        int silentPort = FreePort();
        string folder = Directory.CreateTempSubdirectory("ringkernel-cluster-").FullName;
        ActorSystem system = ClusterStencilNode.CreateSystem(ClusterStencilConfig.Create("127.0.0.1", 0, ClusterStencilConfig.SqliteFile(Path.Combine(folder, "c.db"))));
        try
        {
            var failure = await Assert.ThrowsAsync<ClusterStencilException>(() => ClusterStencilNode.StartAsync(
                system, new CpuBackend(), [$"akka.tcp://ringkernel@127.0.0.1:{silentPort}"], new ClusterStencilNodeOptions { JoinTimeout = TimeSpan.FromSeconds(2) }).WaitAsync(Bound));
            Assert.Contains($"127.0.0.1:{silentPort}", failure.Message, StringComparison.Ordinal);
            Assert.Contains("could not join", failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', failure.Message);
            Assert.Throws<ClusterStencilException>(() => ClusterStencilNode.ParseAddress("ringkernel@127.0.0.1"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void A_node_whose_port_is_in_use_fails_to_start_in_one_line()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var failure = Assert.Throws<ClusterStencilException>(() => ClusterStencilNode.CreateSystem(ClusterStencilConfig.Create("127.0.0.1", port, ClusterStencilConfig.SqliteFile(Path.Combine(Path.GetTempPath(), "unused.db")))));
        Assert.Equal($"The node cannot listen on 127.0.0.1:{port}: the port is in use.", failure.Message);
    }

    [Fact]
    public async Task Malformed_and_unexpected_halo_chunks_are_rejected_and_the_field_stays_exact()
    {
        var size = new GridSize(24, 16);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(2, 2));
        float[] initial = Random(size, seed: 23);
        await using LoopbackCluster cluster = await LoopbackCluster.StartAsync(2);
        var warnings = new ConcurrentQueue<string>();
        IActorRef listener = cluster.Seed.System.ActorOf(Props.Create(() => new WarningCollector(warnings)));
        cluster.Seed.System.EventStream.Subscribe(listener, typeof(Warning));
        await using ClusterStencilRun run = await ClusterStencilRun.StartAsync(cluster.Seed, ClusterSimulation.Heat2D(equation, grid, 1), [initial]).WaitAsync(Bound);
        await run.RunStepsAsync(4).WaitAsync(Bound);
        int local = Enumerable.Range(0, grid.TileCount).First(tile => run.Placement[tile] == cluster.Seed.Address);
        int remote = Enumerable.Range(0, grid.TileCount).First(tile => run.Placement[tile] != cluster.Seed.Address && grid.TileAt(tile).X == grid.TileAt(local).X);
        int direction = grid.TileAt(remote).Y < grid.TileAt(local).Y ? (int)K2KDirection.YPlus : (int)K2KDirection.YMinus;

        // From a node of the cluster: a chunk far ahead in sequence on a real route, and one on a route that does not exist.
        IActorRef seedActor = cluster.Nodes[1].NodeActorAt(cluster.Seed.Address);
        seedActor.Tell(new RemoteHaloChunk(run.Id, run.Generation, remote, local, direction, 1000, new byte[HaloChunkBytes]));
        seedActor.Tell(new RemoteHaloChunk(run.Id, run.Generation, local, local, 25, 1, new byte[HaloChunkBytes]));

        // From a peer outside the cluster: bytes that are not MessagePack.
        await using var forger = new ForgingPeer();
        forger.SendHalo(cluster.Seed.Address, [0xc1, 0x00, 0xff, 0x13]);

        await WaitUntilAsync(() => warnings.Count(w => w.Contains("Rejected", StringComparison.Ordinal)) >= 3);
        Assert.Equal(10, await run.RunStepsAsync(6).WaitAsync(Bound));
        float[][] actual = await run.SnapshotAsync().WaitAsync(Bound);
        float[] expected = (float[])initial.Clone();
        HeatReference2D.Run(equation, expected, 10);
        AssertBitwiseEqual(expected, actual[0], size);
        Assert.Empty(run.Recoveries);
        Assert.Equal(2, (await run.ReportAsync().WaitAsync(Bound)).Single(report => report.Address == cluster.Seed.Address).Rejected);
        Assert.Contains(warnings, w => w.Contains("it is chunk 1000", StringComparison.Ordinal) && w.Contains("never arrived", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("no halo route", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("its bytes are not a halo chunk", StringComparison.Ordinal));
    }

    private static int HaloChunkBytes => HaloMessageHeader.Size + (4 * sizeof(float));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Bound);
        while (!condition())
            await Task.Delay(50, limit.Token);
    }

    private sealed class WarningCollector : ReceiveActor
    {
        public WarningCollector(ConcurrentQueue<string> warnings) => Receive<Warning>(warning => warnings.Enqueue(warning.Message?.ToString() ?? ""));
    }
}
