using Akka.Actor;
using Akka.Configuration;
using RingKernel.Cluster;
using RingKernel.Cpu;

namespace RingKernel.Benchmarks.Cluster;

/// <summary>
/// Cluster nodes as actor systems in the benchmark process, each on 127.0.0.1 with a free port and its
/// own <see cref="CpuBackend"/>, all talking over Akka.Remote's TCP transport on loopback and sharing
/// one SQLite checkpoint file in a temporary folder; node 0 is the seed and drives the runs.
/// </summary>
internal sealed class LoopbackNodes : IAsyncDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    // Errors only, so start-up and association notes do not interleave with the result lines.
    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka {
          stdout-loglevel = ERROR
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);

    private readonly string _folder = Directory.CreateTempSubdirectory("ringkernel-compare-cluster-").FullName;
    private readonly List<ClusterStencilNode> _nodes = [];

    public IReadOnlyList<ClusterStencilNode> Nodes => _nodes;

    public ClusterStencilNode Seed => _nodes[0];

    /// <summary>Starts one more node, joins it through the seed, and waits until every node is up.</summary>
    public async Task AddNodeAsync()
    {
        Config config = Quiet.WithFallback(ClusterStencilConfig.Create(
            "127.0.0.1", 0, ClusterStencilConfig.SqliteFile(Path.Combine(_folder, "checkpoints.db")), timings: ClusterTimings.Loopback, logLevel: "ERROR"));
        ActorSystem system = ClusterStencilNode.CreateSystem(config);
        try
        {
            _nodes.Add(await ClusterStencilNode.StartAsync(system, new CpuBackend(), _nodes.Count == 0 ? null : [Seed.Address], new ClusterStencilNodeOptions { JoinTimeout = Settle }));
        }
        catch
        {
            await system.Terminate();
            throw;
        }

        await Seed.WaitForNodesAsync(_nodes.Count, Settle);
    }

    public async ValueTask DisposeAsync()
    {
        // The other nodes leave the cluster (coordinated shutdown) before the seed, whose shard coordinator would otherwise write to their closed transports.
        await Task.WhenAll(_nodes.Skip(1).Select(node => node.System.Terminate().WaitAsync(Settle)));
        if (_nodes.Count > 0)
            await Seed.System.Terminate().WaitAsync(Settle);
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
