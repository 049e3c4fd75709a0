using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using RingKernel.Cluster.Protocol;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cluster;

/// <summary>
/// One node of a cluster that runs tiled stencils: an Akka.NET actor system (configured by
/// <see cref="ClusterStencilConfig"/>) that has joined the cluster, with the tile shard region (tiles
/// are Akka.Cluster.Sharding entities), the node's bridge actor for halos between nodes, and the
/// backend its tile kernels run on. Any node can drive a run (<see cref="ClusterStencilRun"/>).
/// </summary>
public sealed class ClusterStencilNode : IAsyncDisposable
{
    /// <summary>The shard region's type name: the same on every node.</summary>
    public const string TileTypeName = "ringkernel-tile";

    private readonly ConcurrentDictionary<string, NodeGeneration> _generations = new();
    private readonly ConcurrentDictionary<string, NodeTraffic> _traffic = new();
    private readonly ConcurrentDictionary<(int Cells, int Fields), float[][]> _loadFields = new();

    private ClusterStencilNode(ActorSystem system, ITiledStencilBackend backend, ClusterStencilNodeOptions options)
    {
        System = system;
        Backend = backend;
        Options = options;
        Cluster = Akka.Cluster.Cluster.Get(system);
        Address = Cluster.SelfAddress.ToString();
        Checkpoints = new TileCheckpointStore(system, options.AskTimeout);
    }

    public ActorSystem System { get; }

    public ITiledStencilBackend Backend { get; }

    public ClusterStencilNodeOptions Options { get; }

    /// <summary>The node's address (<c>akka.tcp://system@host:port</c>), as placements name it.</summary>
    public string Address { get; }

    /// <summary>The shard region of the tiles.</summary>
    public IActorRef Tiles { get; private set; } = ActorRefs.Nobody;

    internal Akka.Cluster.Cluster Cluster { get; }

    internal IActorRef NodeActor { get; private set; } = ActorRefs.Nobody;

    internal TileCheckpointStore Checkpoints { get; }

    /// <summary>
    /// Starts the cluster engine on <paramref name="system"/> and joins the cluster through
    /// <paramref name="seeds"/> (node addresses such as <c>akka.tcp://ringkernel@10.0.0.1:4053</c>; none, or
    /// only this node's own address, for the first node, which forms the cluster). Returns once this node is Up.
    /// </summary>
    /// <exception cref="ClusterStencilException">No seed node let it join within <see cref="ClusterStencilNodeOptions.JoinTimeout"/>, or an address does not parse.</exception>
    public static async Task<ClusterStencilNode> StartAsync(ActorSystem system, ITiledStencilBackend backend, IReadOnlyList<string>? seeds = null, ClusterStencilNodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(backend);
        options ??= new ClusterStencilNodeOptions();
        var node = new ClusterStencilNode(system, backend, options);
        Akka.Actor.Address[] seedAddresses = [.. (seeds is { Count: > 0 } ? seeds : [node.Address]).Select(ParseAddress)];
        node.NodeActor = system.ActorOf(StencilNodeActor.Props(node), StencilNodeActor.Name);
        node.Tiles = await ClusterSharding.Get(system).StartAsync(
            TileTypeName,
            entityId => TileEntity.Props(node, entityId),
            ClusterShardingSettings.Create(system),
            new TileMessageExtractor(),
            new RunBalancedAllocation(),
            TileHandOff.Instance).ConfigureAwait(false);

        using var joined = new CancellationTokenSource(options.JoinTimeout);
        try
        {
            await node.Cluster.JoinSeedNodesAsync(seedAddresses, joined.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is OperationCanceledException or ClusterJoinFailedException)
        {
            await node.Cluster.LeaveAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw new ClusterStencilException(
                $"{node.Address} could not join the cluster through {string.Join(", ", seedAddresses.Select(a => a.ToString()))} within {options.JoinTimeout.TotalSeconds:0.#} s: no seed node answered (is the address right and the seed running?).");
        }

        return node;
    }

    /// <summary>
    /// Creates a node's actor system from <paramref name="config"/> (see <see cref="ClusterStencilConfig.Create"/>),
    /// saying in one line why when it cannot listen (its port is in use, its address is not this machine's).
    /// </summary>
    /// <exception cref="ClusterStencilException">The remote transport could not bind.</exception>
    public static ActorSystem CreateSystem(Akka.Configuration.Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return ActorSystem.Create(ClusterStencilConfig.SystemName, config);
        }
        catch (Exception failure)
        {
            string hostname = config.GetString("akka.remote.dot-netty.tcp.hostname");
            int port = config.GetInt("akka.remote.dot-netty.tcp.port");
            global::System.Net.Sockets.SocketException? socket = Causes(failure).OfType<global::System.Net.Sockets.SocketException>().FirstOrDefault();
            string why = socket?.SocketErrorCode == global::System.Net.Sockets.SocketError.AddressAlreadyInUse ? "the port is in use"
                : socket is not null ? socket.Message
                : Causes(failure).Last().Message;
            throw new ClusterStencilException($"The node cannot listen on {hostname}:{port}: {why}.", failure);
        }
    }

    /// <summary>
    /// Waits until the cluster has <paramref name="count"/> members up and the shard coordinator
    /// knows each one's tile region, so a run started then spreads its tiles over all of them.
    /// </summary>
    /// <exception cref="ClusterStencilException">Not within <paramref name="timeout"/>.</exception>
    public async Task WaitForNodesAsync(int count, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var deadline = DateTime.UtcNow + timeout;
        int regions = 0;
        while (DateTime.UtcNow < deadline)
        {
            if (Cluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) >= count)
            {
                try
                {
                    ClusterShardingStats stats = await Tiles.Ask<ClusterShardingStats>(new GetClusterShardingStats(TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                    regions = stats.Regions.Count;
                    if (regions >= count)
                        return;
                }
                catch (AskTimeoutException)
                {
                    // The coordinator is still starting.
                }
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new ClusterStencilException($"The cluster did not reach {count} nodes with tile regions within {timeout.TotalSeconds:0.#} s ({Cluster.State.Members.Count} member(s), {regions} region(s)).");
    }

    /// <summary>Parses a node address (<c>akka.tcp://system@host:port</c>).</summary>
    /// <exception cref="ClusterStencilException">It is not one.</exception>
    public static Address ParseAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            return Akka.Actor.Address.Parse(address);
        }
        catch (Exception problem) when (problem is UriFormatException or ArgumentException or FormatException)
        {
            throw new ClusterStencilException($"'{address}' is not a node address (akka.tcp://system@host:port): {problem.Message}", problem);
        }
    }

    /// <summary>What this node has done for run <paramref name="run"/> (see <see cref="ClusterStencilRun.Id"/>): its tiles now and its halo traffic.</summary>
    public ClusterNodeReport Report(string run)
    {
        NodeTraffic traffic = TrafficOf(run);
        NodeGeneration? generation = FindGeneration(run);
        return new ClusterNodeReport(
            Address, generation?.LocalTiles ?? [], traffic.ChunksSent, traffic.BytesSent, traffic.ChunksReceived, traffic.BytesReceived, traffic.Rejected,
            traffic.K2KMessages + (generation?.Fabric.MessagesSent ?? 0), traffic.K2KBytes + (generation?.Fabric.BytesSent ?? 0));
    }

    /// <summary>Stops the node's tile kernels and its bridge actor; the actor system stays up (its owner terminates it).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (NodeGeneration generation in _generations.Values)
            await NodeActor.Ask<GenerationAborted>(new AbortGeneration(generation.Run, generation.Generation), Options.AskTimeout).ConfigureAwait(false);
        await NodeActor.GracefulStop(Options.AskTimeout).ConfigureAwait(false);
    }

    private static IEnumerable<Exception> Causes(Exception failure)
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
            if (cause is AggregateException aggregate)
            {
                foreach (Exception inner in aggregate.InnerExceptions.SelectMany(Causes))
                    yield return inner;
            }
        }
    }

    internal NodeGeneration? FindGeneration(string run) => _generations.TryGetValue(run, out NodeGeneration? generation) ? generation : null;

    internal void SetGeneration(NodeGeneration generation) => _generations[generation.Run] = generation;

    internal void RemoveGeneration(NodeGeneration generation) => _generations.TryRemove(new KeyValuePair<string, NodeGeneration>(generation.Run, generation));

    internal NodeTraffic TrafficOf(string run) => _traffic.GetOrAdd(run, _ => new NodeTraffic());

    /// <summary>The node actor of the node at <paramref name="address"/>.</summary>
    internal IActorRef NodeActorAt(string address) =>
        address == Address ? NodeActor : ((ExtendedActorSystem)System).Provider.ResolveActorRef($"{address}/user/{StencilNodeActor.Name}");

    /// <summary>
    /// Makes tile <paramref name="tile"/> of <paramref name="simulation"/>; its state comes from a
    /// checkpoint. A tile reads its cells from whole-grid fields when it is made: the node keeps one
    /// zeroed set per grid size for that, shared by its tiles, never written.
    /// </summary>
    internal StencilTile CreateTile(ClusterSimulation simulation, int tile)
    {
        float[][] fields = _loadFields.GetOrAdd(
            (simulation.Grid.Size.CellCount, simulation.FieldCount),
            key => [.. Enumerable.Range(0, key.Fields).Select(_ => new float[key.Cells])]);
        return simulation.CreateTile(tile, fields);
    }
}
