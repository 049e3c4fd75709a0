using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Akka.Actor;
using RingKernel.Cluster.Protocol;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cluster;

/// <summary>
/// One node's part of one generation of a run (a placement of the tiles on the nodes): a K2K fabric
/// over the tiles it hosts and a ghost endpoint for every tile elsewhere that one of them neighbours.
/// A local tile sends to a ghost as to any neighbour; the ghost's doorbell wakes the node's bridge,
/// which reads the chunk and sends it to the ghost's node as a <see cref="RemoteHaloChunk"/>. A chunk
/// from another node is checked (generation, route, K2K sequence, payload) and written into the local
/// tile's inbox through the sender's ghost, whose sequence numbers then run as they ran on the sender.
/// </summary>
/// <remarks>The bridge methods (<see cref="Drain"/>, <see cref="Accept"/>) run on the node actor only: each ghost route and inbox has that one sender or receiver.</remarks>
internal sealed class NodeGeneration : IDisposable
{
    private readonly OutboundLink[] _outbound;
    private readonly Dictionary<(int Source, int Direction), InboundLink> _inbound = [];
    private readonly ConcurrentDictionary<int, IActorRef> _kernels = new();

    // The tiles elsewhere that a local tile neighbours: each has a ghost endpoint here.
    private readonly HashSet<int> _ghosts = [];
    private readonly byte[] _chunk = new byte[HaloChunk.Size];
    private readonly NodeTraffic _traffic;
    private int _drainPosted;

    public NodeGeneration(string run, int generation, ClusterSimulation simulation, string[] placement, string self, ITiledStencilBackend backend, Func<string, IActorRef> nodeAt, NodeTraffic traffic, Action<NodeGeneration> wake)
    {
        _traffic = traffic;
        Run = run;
        Generation = generation;
        Simulation = simulation;
        Placement = placement;
        TileGrid grid = simulation.Grid;
        if (placement.Length != grid.TileCount)
            throw new ArgumentException($"The plan places {placement.Length} tiles; the grid has {grid.TileCount}.", nameof(placement));
        LocalTiles = [.. Enumerable.Range(0, grid.TileCount).Where(tile => placement[tile] == self)];
        Fabric = new K2KFabric(backend.MemorySpace, HaloInboxes.CreateTypes(), simulation.InboxCapacity, HaloChunk.InboxSlotSize, simulation.Checksummed, $"k2k-{run}-g{generation}");
        Doorbells = new HaloDoorbells(grid.TileCount);
        var outbound = new List<OutboundLink>();
        try
        {
            IReadOnlyList<K2KDirection> directions = K2KDirections.Of(simulation.Halo == 1 ? K2KNeighbourhood.VonNeumann : K2KNeighbourhood.Moore, !grid.Size.Is2D);
            foreach (int tile in LocalTiles)
                Fabric.Register((uint)tile);
            foreach (int tile in LocalTiles)
            {
                foreach (K2KDirection direction in directions)
                {
                    if (!grid.TryGetNeighbour(grid.TileAt(tile), direction.Offset(), simulation.Boundary, out Index3 at))
                        continue;
                    int neighbour = grid.IndexOf(at);
                    if (placement[neighbour] == self)
                    {
                        // The neighbour's own loop connects its route back.
                        Fabric.Connect((uint)tile, direction, (uint)neighbour);
                        continue;
                    }

                    K2KEndpoint ghost = _ghosts.Add(neighbour) ? Fabric.Register((uint)neighbour) : Fabric.Endpoint((uint)neighbour);
                    Fabric.Connect((uint)tile, direction, (uint)neighbour);
                    Fabric.Connect((uint)neighbour, direction.Opposite(), (uint)tile);
                    IActorRef peer = nodeAt(placement[neighbour]);
                    outbound.Add(new OutboundLink(tile, (int)direction, neighbour, ghost, (int)direction.Opposite(), peer));
                    _inbound.Add((neighbour, (int)direction.Opposite()), new InboundLink(neighbour, (int)direction.Opposite(), tile, ghost, (int)direction));
                }
            }

            _outbound = [.. outbound];
            foreach (int ghost in _ghosts)
                Doorbells.Connect((uint)ghost, () => Wake(wake));
        }
        catch
        {
            Fabric.Dispose();
            throw;
        }
    }

    public string Run { get; }

    public int Generation { get; }

    public ClusterSimulation Simulation { get; }

    /// <summary>Each tile's node address.</summary>
    public string[] Placement { get; }

    /// <summary>The tiles this node hosts in this generation.</summary>
    public int[] LocalTiles { get; }

    public K2KFabric Fabric { get; }

    public HaloDoorbells Doorbells { get; }

    /// <summary>The tile kernel actors started in this generation (stopped when it ends).</summary>
    public ICollection<IActorRef> Kernels => _kernels.Values;

    public bool Hosts(int tile) => (uint)tile < (uint)Placement.Length && LocalTiles.Contains(tile);

    /// <summary>Records tile <paramref name="tile"/>'s kernel actor, to be stopped with the generation.</summary>
    public void AddKernel(int tile, IActorRef kernel) => _kernels[tile] = kernel;

    /// <summary>
    /// The bridge's outbound half, run when a ghost's doorbell rang: sends every chunk the local tiles
    /// have put in the ghosts' inboxes to the nodes of those tiles, then writes what waited for room
    /// in the local tiles' inboxes.
    /// </summary>
    public void Drain(IActorRef self)
    {
        Volatile.Write(ref _drainPosted, 0);
        foreach (OutboundLink link in _outbound)
        {
            int sent = 0;
            while (link.Ghost.TryReceiveBytes(link.GhostInbox, _chunk, out int length, out MessageHeader header))
            {
                link.Peer.Tell(new RemoteHaloChunk(Run, Generation, link.Source, link.Target, link.Direction, header.MessageId, _chunk.AsSpan(0, length).ToArray()), self);
                _traffic.ChunksSent++;
                _traffic.BytesSent += length;
                sent++;
            }

            // Room made in the ghost's inbox: rings the local tile if it said it waits for room.
            if (sent > 0)
                Doorbells.RoomMade((uint)link.Source);
        }

        foreach (InboundLink link in _inbound.Values)
            Deliver(link);
    }

    /// <summary>
    /// The bridge's inbound half: checks <paramref name="chunk"/> against the route it claims and
    /// queues it for the local tile's inbox; null when accepted, else why it was rejected (nothing of
    /// it reaches the tile).
    /// </summary>
    public string? Accept(RemoteHaloChunk chunk)
    {
        string? problem = Check(chunk, out InboundLink? link);
        if (problem is not null)
        {
            _traffic.Rejected++;
            return problem;
        }

        link!.Expected++;
        link.Waiting.Enqueue(chunk.Payload);
        _traffic.ChunksReceived++;
        _traffic.BytesReceived += chunk.Payload.Length;
        Deliver(link);
        return null;
    }

    /// <summary>Adds this generation's K2K traffic to the run's and frees the fabric.</summary>
    public void Dispose()
    {
        _traffic.K2KMessages += Fabric.MessagesSent;
        _traffic.K2KBytes += Fabric.BytesSent;
        Fabric.Dispose();
    }

    private void Wake(Action<NodeGeneration> wake)
    {
        if (Interlocked.Exchange(ref _drainPosted, 1) == 0)
            wake(this);
    }

    private string? Check(RemoteHaloChunk chunk, out InboundLink? link)
    {
        link = null;
        if (!_inbound.TryGetValue((chunk.SourceTile, chunk.Direction), out InboundLink? found) || found.Target != chunk.TargetTile)
            return $"this node has no halo route from tile {chunk.SourceTile} on {K2KDirections.Describe(chunk.Direction)} to tile {chunk.TargetTile} in generation {Generation}";
        if (chunk.Sequence != found.Expected)
        {
            string what = chunk.Sequence > found.Expected ? $"{chunk.Sequence - found.Expected} chunk(s) before it never arrived" : "it repeats or precedes a chunk already received";
            return $"it is chunk {chunk.Sequence} of route {K2KDirections.Describe(chunk.Direction)} from tile {chunk.SourceTile}, expected {found.Expected}: {what}";
        }

        byte[] payload = chunk.Payload ?? [];
        if (payload.Length < HaloMessageHeader.Size || payload.Length > HaloChunk.Size)
            return $"its {payload.Length}-byte payload is no halo chunk ({HaloMessageHeader.Size} to {HaloChunk.Size} bytes)";
        HaloMessageHeader header = MemoryMarshal.Read<HaloMessageHeader>(payload);
        if (header.ElementCount > HaloChunk.Capacity || payload.Length != HaloChunk.PayloadSize((int)header.ElementCount))
            return $"its {payload.Length}-byte payload does not hold the {header.ElementCount} elements it claims";
        if (header.SourceTile != (uint)chunk.SourceTile)
            return $"its halo header names tile {header.SourceTile} as sender, the message tile {chunk.SourceTile}";
        if (header.Direction != (uint)found.TargetInbox)
            return $"its halo header fills face {K2KDirections.Describe((int)header.Direction)}; the route lands on {K2KDirections.Describe(found.TargetInbox)}";
        if (header.HaloWidth != (uint)Simulation.Halo)
            return $"its halo is {header.HaloWidth} wide, not {Simulation.Halo}";
        if (header.Step % (ulong)Simulation.Halo != 0)
            return $"its step {header.Step} begins no halo epoch (a multiple of {Simulation.Halo})";
        link = found;
        return null;
    }

    private void Deliver(InboundLink link)
    {
        int written = 0;
        while (link.Waiting.TryPeek(out byte[]? payload))
        {
            if (!link.Ghost.TrySendBytes(link.Route, HaloChunk.TypeId, payload))
            {
                // Said before the retry: the tile's next receive from the remote tile rings its ghost's doorbell, this bridge.
                Doorbells.WaitForRoom((uint)link.Source);
                if (!link.Ghost.TrySendBytes(link.Route, HaloChunk.TypeId, payload))
                    break;
            }

            link.Waiting.Dequeue();
            written++;
        }

        if (written > 0)
            Doorbells.Ring((uint)link.Target);
    }

    /// <summary>A local tile's route to a tile on another node: the ghost's inbox the bridge reads.</summary>
    private sealed record OutboundLink(int Source, int Direction, int Target, K2KEndpoint Ghost, int GhostInbox, IActorRef Peer);

    /// <summary>A route from a tile on another node into a local tile, written by the bridge through the ghost.</summary>
    private sealed class InboundLink(int source, int route, int target, K2KEndpoint ghost, int targetInbox)
    {
        public int Source { get; } = source;

        /// <summary>The ghost's route number: the sender's direction.</summary>
        public int Route { get; } = route;

        public int Target { get; } = target;

        public K2KEndpoint Ghost { get; } = ghost;

        /// <summary>The target's inbox (the face the chunks fill).</summary>
        public int TargetInbox { get; } = targetInbox;

        /// <summary>The K2K sequence number the next chunk must carry.</summary>
        public ulong Expected { get; set; } = K2KRoute.FirstSequence;

        /// <summary>Accepted chunks waiting for room in the target's inbox, in order.</summary>
        public Queue<byte[]> Waiting { get; } = new();
    }
}
