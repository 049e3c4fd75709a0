using Akka.Actor;
using RingKernel.Cluster;
using RingKernel.Cpu;

namespace RingKernel.Tests.Cluster;

/// <summary>
/// Several cluster nodes in this process, each an actor system on 127.0.0.1 with a free port, sharing
/// one SQLite checkpoint database in a temporary folder; node 0 is the seed and drives runs.
/// </summary>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private readonly string _folder;
    private readonly List<ClusterStencilNode> _nodes = [];

    private LoopbackCluster(string folder)
    {
        _folder = folder;
    }

    public IReadOnlyList<ClusterStencilNode> Nodes => _nodes;

    public ClusterStencilNode Seed => _nodes[0];

    public string Database => Path.Combine(_folder, "checkpoints.db");

    public static async Task<LoopbackCluster> StartAsync(int nodes)
    {
        var cluster = new LoopbackCluster(Directory.CreateTempSubdirectory("ringkernel-cluster-").FullName);
        try
        {
            for (int i = 0; i < nodes; i++)
                await cluster.AddNodeAsync();
            await cluster.Seed.WaitForNodesAsync(nodes, Settle);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts one more node and joins it through the seed.</summary>
    public async Task<ClusterStencilNode> AddNodeAsync()
    {
        ActorSystem system = ClusterStencilNode.CreateSystem(Config());
        try
        {
            ClusterStencilNode node = await ClusterStencilNode.StartAsync(system, new CpuBackend(), _nodes.Count == 0 ? null : [Seed.Address], new ClusterStencilNodeOptions { JoinTimeout = Settle });
            _nodes.Add(node);
            return node;
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    // Terminating a node's actor system ends it as a process that dies would: without leaving the cluster.
    public Akka.Configuration.Config Config(int port = 0) =>
        Akka.Configuration.ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-actor-system-terminate = off")
            .WithFallback(ClusterStencilConfig.Create("127.0.0.1", port, ClusterStencilConfig.SqliteFile(Database), timings: ClusterTimings.Loopback));

    /// <summary>Stops node <paramref name="node"/>'s actor system without leaving the cluster, as a process that dies: the others find it unreachable.</summary>
    public async Task KillAsync(ClusterStencilNode node)
    {
        _nodes.Remove(node);
        await node.System.Terminate().WaitAsync(Settle);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ClusterStencilNode node in Enumerable.Reverse(_nodes))
            await node.System.Terminate().WaitAsync(Settle);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temporary folder is left.
        }
    }
}
