using System.Globalization;
using Akka.Actor;
using RingKernel.Cluster.Protocol;
using RingKernel.Kernels.Actors;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cluster;

/// <summary>
/// One tile of a cluster run as an Akka.Cluster.Sharding entity: the shard region starts it on the
/// node its shard lives on. Connected in a generation, it restores its checkpoint, attaches its tile
/// to the node's fabric and runs its kernel actor as a child (the tiled engine's tile kernel); it
/// passes the run's commands to the kernel and answers with its progress, and saves or sends its
/// state between commands. A kernel that fails or stops fails the command it was running: the run
/// then recovers from its last checkpoint.
/// </summary>
internal sealed class TileEntity : ReceiveActor
{
    private readonly ClusterStencilNode _node;
    private readonly string _run;
    private readonly int _tile;
    private StencilTile? _stencil;
    private NodeGeneration? _generation;
    private IActorRef? _kernelActor;
    private KernelRef<TileCommand, TileProgress>? _kernel;
    private IActorRef? _commander;

    public TileEntity(ClusterStencilNode node, string entityId)
    {
        _node = node;
        (_run, _tile) = TileEntityIds.Parse(entityId);
        Receive<LocateTile>(_ => Sender.Tell(new TileLocated(_tile, _node.Address)));
        ReceiveAsync<ConnectTile>(ConnectAsync);
        Receive<RunTile>(Run);
        Receive<TileRan>(ran => Answer(ran));
        Receive<TileFailed>(failed => Answer(failed));
        ReceiveAsync<CaptureTile>(CaptureAsync);
        Receive<Terminated>(terminated =>
        {
            if (!terminated.ActorRef.Equals(_kernelActor))
                return;
            Answer(new TileFailed(_tile, $"tile {_tile}'s kernel actor on {_node.Address} stopped"));
            Disconnect();
        });
        Receive<ReleaseTile>(_ => Context.Stop(Self));
        Receive<TileHandOff>(_ =>
        {
            Answer(new TileFailed(_tile, $"tile {_tile} moved off {_node.Address} (its shard was handed off)"));
            Context.Stop(Self);
        });
    }

    public static Props Props(ClusterStencilNode node, string entityId) => Akka.Actor.Props.Create(() => new TileEntity(node, entityId));

    // A fault in the kernel stops it: the run, not the entity, decides how to recover.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private async Task ConnectAsync(ConnectTile connect)
    {
        IActorRef requester = Sender;
        try
        {
            Disconnect();
            NodeGeneration generation = _node.FindGeneration(_run) is { } found && found.Generation == connect.Generation && found.Hosts(_tile)
                ? found
                : throw new ClusterStencilException($"tile {_tile} is on {_node.Address}, which does not host it in generation {connect.Generation}");
            StencilTileState state = await _node.Checkpoints.LoadAsync(_run, _tile, connect.Step).ConfigureAwait(true);
            StencilTile tile = _node.CreateTile(generation.Simulation, _tile);
            tile.RestoreState(state);
            var endpoint = generation.Fabric.Endpoint((uint)_tile);
            tile.Attach(endpoint, generation.Simulation.TileOptions, generation.Doorbells);
            IActorRef kernelActor = Context.ActorOf(
                TiledStencilEngine.TileProps(_node.Backend, _node.Backend.TileKernel, tile, endpoint, generation.Simulation.TileOptions),
                "kernel-" + connect.Generation.ToString(CultureInfo.InvariantCulture));
            Context.Watch(kernelActor);
            generation.AddKernel(_tile, kernelActor);
            (_stencil, _generation, _kernelActor) = (tile, generation, kernelActor);
            _kernel = await kernelActor.GetKernelRefAsync<TileCommand, TileProgress>(_node.Options.AskTimeout).ConfigureAwait(true);
            requester.Tell(new TileConnected(_tile, _node.Address));
        }
        catch (Exception failure)
        {
            Disconnect();
            requester.Tell(new TileFailed(_tile, $"tile {_tile} could not connect on {_node.Address}: {failure.Message}"));
        }
    }

    private void Run(RunTile run)
    {
        if (_kernel is null || _generation?.Generation != run.Generation || _commander is not null)
        {
            Sender.Tell(new TileFailed(_tile, $"tile {_tile} on {_node.Address} is not connected in generation {run.Generation} or is busy"));
            return;
        }

        _commander = Sender;
        _kernel.Ask(TileCommand.RunSteps(run.UntilStep)).AsTask().PipeTo(
            Self,
            success: progress => new TileRan(progress),
            failure: fault => new TileFailed(_tile, $"tile {_tile}'s kernel on {_node.Address} failed: {fault.GetBaseException().Message}"));
    }

    private async Task CaptureAsync(CaptureTile capture)
    {
        IActorRef requester = Sender;
        if (_stencil is null || _generation?.Generation != capture.Generation || _commander is not null)
        {
            requester.Tell(new TileFailed(_tile, $"tile {_tile} on {_node.Address} is not connected in generation {capture.Generation} or is busy"));
            return;
        }

        // Between commands the kernel is idle: the tile's memory is the entity's to read.
        StencilTileState state = _stencil.CaptureState();
        if (!capture.Persist)
        {
            requester.Tell(new TileCaptured(TileCheckpoint.From(_tile, state)));
            return;
        }

        try
        {
            await _node.Checkpoints.SaveAsync(_run, _tile, state).ConfigureAwait(true);
            requester.Tell(new TileSaved(_tile, state.Step));
        }
        catch (Exception failure)
        {
            requester.Tell(new TileFailed(_tile, failure.Message));
        }
    }

    private void Answer(object answer)
    {
        _commander?.Tell(answer);
        _commander = null;
    }

    private void Disconnect()
    {
        if (_kernelActor is not null)
        {
            Context.Unwatch(_kernelActor);
            Context.Stop(_kernelActor);
        }

        (_stencil, _generation, _kernelActor, _kernel) = (null, null, null, null);
    }
}
