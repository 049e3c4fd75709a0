using Akka.Actor;
using Akka.Event;
using RingKernel.Cluster.Protocol;
using RingKernel.Kernels.Actors;

namespace RingKernel.Cluster;

/// <summary>
/// A node's actor for the cluster engine (<c>/user/ringkernel-stencil</c> on every node): it sets up
/// and tears down the node's part of each generation (<see cref="NodeGeneration"/>), is the bridge
/// that carries halo chunks between its tiles and other nodes' tiles, and reports the node's tiles
/// and halo traffic. Every halo chunk from the network is checked here before it nears a tile.
/// </summary>
internal sealed class StencilNodeActor : ReceiveActor
{
    public const string Name = "ringkernel-stencil";

    private readonly ClusterStencilNode _node;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public StencilNodeActor(ClusterStencilNode node)
    {
        _node = node;
        ReceiveAsync<PrepareGeneration>(PrepareAsync);
        ReceiveAsync<AbortGeneration>(async abort =>
        {
            await AbortAsync(abort.Run, abort.Generation).ConfigureAwait(true);
            Sender.Tell(new GenerationAborted(_node.Address));
        });
        Receive<DrainHalos>(drain =>
        {
            if (_node.FindGeneration(drain.Run) is { } generation && generation.Generation == drain.Generation)
                generation.Drain(Self);
        });
        Receive<RemoteHaloChunk>(Accept);
        Receive<MalformedMessage>(malformed =>
            _log.Warning("Rejected a {0}-byte '{1}' message from {2}: its bytes are not a halo chunk ({3}).", malformed.Length, malformed.Manifest, Sender.Path.Address, malformed.Problem));
        Receive<GetNodeReport>(request => Sender.Tell(_node.Report(request.Run)));
    }

    public static Props Props(ClusterStencilNode node) => Akka.Actor.Props.Create(() => new StencilNodeActor(node));

    private async Task PrepareAsync(PrepareGeneration prepare)
    {
        await AbortAsync(prepare.Run, prepare.Generation - 1).ConfigureAwait(true);

        // The wake-up is called on a tile kernel's thread: it must not touch the actor's context.
        IActorRef self = Self;
        var generation = new NodeGeneration(
            prepare.Run, prepare.Generation, prepare.Simulation, prepare.Placement, _node.Address, _node.Backend, _node.NodeActorAt, _node.TrafficOf(prepare.Run),
            wake => self.Tell(new DrainHalos(wake.Run, wake.Generation), ActorRefs.NoSender));
        _node.SetGeneration(generation);
        Sender.Tell(new GenerationPrepared(_node.Address, prepare.Generation));
    }

    /// <summary>Ends run <paramref name="run"/>'s generation on this node if it is <paramref name="upTo"/> or older: stops its tile kernels and frees its fabric.</summary>
    private async Task AbortAsync(string run, int upTo)
    {
        if (_node.FindGeneration(run) is not { } generation || generation.Generation > upTo)
            return;
        Task[] released = [.. generation.Kernels.Select(Context.System.WhenKernelReleased)];
        foreach (IActorRef kernel in generation.Kernels)
            Context.System.Stop(kernel);
        await Task.WhenAll(released).ConfigureAwait(true);
        _node.RemoveGeneration(generation);
        generation.Dispose();
    }

    private void Accept(RemoteHaloChunk chunk)
    {
        NodeGeneration? generation = _node.FindGeneration(chunk.Run);
        string? problem = generation is null ? $"this node runs no generation of run {chunk.Run}"
            : chunk.Generation != generation.Generation ? $"it belongs to generation {chunk.Generation}; this node runs generation {generation.Generation}"
            : generation.Accept(chunk);
        if (problem is null)
            return;

        // Chunks of a generation that a recovery ended are expected for a moment; anything else is an error of the sender.
        if (generation is not null && chunk.Generation < generation.Generation)
            _log.Info("Dropped a halo chunk from tile {0} to tile {1} sent by {2}: {3}.", chunk.SourceTile, chunk.TargetTile, Sender.Path.Address, problem);
        else
            _log.Warning("Rejected a halo chunk from tile {0} to tile {1} sent by {2}: {3}.", chunk.SourceTile, chunk.TargetTile, Sender.Path.Address, problem);
    }
}
