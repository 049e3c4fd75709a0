using System.Numerics;
using Akka.Actor;
using RingKernel.Backends;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// Runs a tiled stencil simulation as one supervised kernel actor per tile (threadgroup actors on
/// Akka.NET): each tile's persistent ring kernel owns its cells and halo and exchanges halo strips
/// with its neighbours directly over K2K, with no host round trip. The tile actors are children of
/// one supervisor, which restarts a faulted tile from its checkpoint
/// (<see cref="TiledStencilOptions.RestartFromCheckpoints"/>) or stops it. The host only sends
/// <see cref="TileCommand"/>s (<see cref="TileCommandKind.RunSteps"/>, <see cref="TileCommandKind.Snapshot"/>)
/// through the tiles' <see cref="KernelRef{TRequest, TReply}"/>s and reads their <see cref="TileProgress"/>
/// replies; disposing stops the actors, which end the kernels and free their rings.
/// </summary>
/// <remarks>
/// The backend supplies the tile kernel (<see cref="ITiledStencilBackend.TileKernel"/>). Its body
/// is resumable: it runs as many steps as its halos allow and, when an exchange waits for a
/// neighbour, returns instead of blocking; the neighbour rings the tile's <see cref="HaloDoorbells"/>
/// doorbell after sending to it (or making room it waits for), which resumes it (<see cref="IResumableKernel"/>). So the
/// CPU backend can run hundreds of tiles as coroutines on one worker thread per core (its
/// cooperative ring-kernel scheduling), and a waiting tile holds no thread.
/// </remarks>
public sealed class TiledStencilEngine : IAsyncDisposable
{
    private readonly K2KFabric _fabric;
    private readonly string _tileKernelName;
    private readonly TileSupervisionStrategy _supervision;
    private IActorRef? _supervisor;
    private IActorRef[] _actors = [];
    private KernelRef<TileCommand, TileProgress>[] _refs = [];
    private volatile bool _disposing;

    private TiledStencilEngine(ActorSystem system, IReadOnlyList<StencilTile> tiles, K2KFabric fabric, string tileKernelName, TiledStencilOptions options)
    {
        System = system;
        Tiles = tiles;
        _fabric = fabric;
        _tileKernelName = tileKernelName;
        _supervision = new TileSupervisionStrategy(tiles.Count, options);
    }

    /// <summary>The actor system the tile actors live in.</summary>
    public ActorSystem System { get; }

    /// <summary>The tiles, by number; their state belongs to their kernels while a command runs.</summary>
    public IReadOnlyList<StencilTile> Tiles { get; }

    /// <summary>The tile kernel actors, by tile number (children of one supervisor).</summary>
    public IReadOnlyList<IActorRef> TileActors => _actors;

    /// <summary>The K2K routes between the tiles.</summary>
    public IReadOnlyList<K2KRoute> Routes => _fabric.Routes;

    /// <summary>Steps every tile has done.</summary>
    public long StepsDone { get; private set; }

    /// <summary>Tile kernel actors restarted from their checkpoints after a fault (see <see cref="TiledStencilOptions.RestartFromCheckpoints"/>).</summary>
    public int Restarts => _supervision.Restarts;

    /// <summary>
    /// Connects <paramref name="tiles"/> (every tile of one grid, by number, with one halo width and
    /// boundary) over K2K and starts a kernel actor for each, running <paramref name="backend"/>'s
    /// tile kernel, under one supervisor in <paramref name="system"/>.
    /// </summary>
    public static async Task<TiledStencilEngine> StartAsync(ActorSystem system, ITiledStencilBackend backend, IReadOnlyList<StencilTile> tiles, TiledStencilOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(tiles);
        options ??= new TiledStencilOptions();
        if (tiles.Count == 0)
            throw new ArgumentException("A tiled simulation needs its tiles.", nameof(tiles));
        StencilTile first = tiles[0];
        for (int i = 0; i < tiles.Count; i++)
        {
            StencilTile tile = tiles[i];
            if (tile.Index != i || tile.Grid != first.Grid || tile.Halo != first.Halo || tile.Boundary != first.Boundary)
                throw new ArgumentException($"Tile {i} is not tile {i} of the same grid, halo and boundary as tile 0.", nameof(tiles));
        }

        if (tiles.Count != first.Grid.TileCount)
            throw new ArgumentException($"The {first.Grid} has {first.Grid.TileCount} tiles; {tiles.Count} were given.", nameof(tiles));

        int inboxCapacity = options.InboxCapacity ?? WholeStripInboxCapacity(tiles, options.ChunkElements);
        var fabric = new K2KFabric(backend.MemorySpace, HaloInboxes.CreateTypes(), inboxCapacity, HaloChunk.InboxSlotSize, options.Checksummed);
        KernelDefinition<StencilTile> tileKernel = backend.TileKernel;
        var engine = new TiledStencilEngine(system, tiles, fabric, tileKernel.Name, options);
        try
        {
            fabric.ConnectNeighbourhood(first.Grid, first.Neighbourhood, first.Boundary.Kind);
            var doorbells = new HaloDoorbells(tiles.Count);
            var props = new Props[tiles.Count];
            foreach (StencilTile tile in tiles)
            {
                K2KEndpoint endpoint = fabric.Endpoint((uint)tile.Index);
                tile.Attach(endpoint, options, doorbells);
                props[tile.Index] = TileProps(backend, tileKernel, tile, endpoint, options);
            }

            engine._supervisor = system.ActorOf(TileSupervisor.Props(props, engine._supervision));
            engine._actors = await engine._supervisor.Ask<IActorRef[]>(TileSupervisor.GetTiles, options.StartTimeout).ConfigureAwait(false);
            engine._refs = await Task.WhenAll(engine._actors.Select(actor => actor.GetKernelRefAsync<TileCommand, TileProgress>(options.StartTimeout))).ConfigureAwait(false);
        }
        catch
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return engine;
    }

    /// <summary>
    /// Tells every tile to advance <paramref name="steps"/> steps and waits for each one's progress
    /// reply, then passes the replies to <paramref name="progress"/> in tile order.
    /// </summary>
    /// <returns>The steps every tile has done.</returns>
    /// <exception cref="KernelFaultedException">A tile kernel faulted (a halo protocol error, a fault in its body) and was not restarted.</exception>
    public async Task<long> RunStepsAsync(int steps, IProgress<TileProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        await CommandAsync(TileCommand.RunSteps(StepsDone + steps), progress, cancellationToken).ConfigureAwait(false);
        StepsDone += steps;
        return StepsDone;
    }

    /// <summary>Tells every tile to write its cells into the whole-grid field(s) its tile was made with, and waits until all have.</summary>
    public Task SnapshotAsync(CancellationToken cancellationToken = default) => CommandAsync(TileCommand.Snapshot, null, cancellationToken);

    /// <summary>Stops the tile actors, waits until their kernels have ended and their rings are freed, and frees the K2K routes.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        if (_supervisor is not null)
        {
            var lifetimes = KernelActorLifetimes.For(System);
            Task[] released = [.. _actors.Select(lifetimes.Released)];
            System.Stop(_supervisor);
            await Task.WhenAll(released).ConfigureAwait(false);
            _supervisor = null;
        }

        _fabric.Dispose();
    }

    /// <summary>The fewest inbox slots, a power of two of at least 2, that hold the longest strip any tile sends, at most <see cref="TiledStencilOptions.MaxDefaultInboxCapacity"/>.</summary>
    private static int WholeStripInboxCapacity(IReadOnlyList<StencilTile> tiles, int chunkElements)
    {
        int chunks = tiles.Max(tile => tile.LongestStripChunks(chunkElements));
        return (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)chunks), 2, TiledStencilOptions.MaxDefaultInboxCapacity);
    }

    /// <summary>The props of one tile's kernel actor, its kernel attached to <paramref name="endpoint"/> (the cluster engine starts its tiles with them too).</summary>
    public static Props TileProps(IRingKernelBackend backend, KernelDefinition<StencilTile> tileKernel, StencilTile tile, K2KEndpoint endpoint, TiledStencilOptions options)
    {
        var actorOptions = new KernelActorOptions
        {
            Messages = new KernelMessageTypes().Add<TileCommand>(TileCommand.TypeId).Add<TileProgress>(TileProgress.TypeId),
            K2K = endpoint,

            // Tiles are numbered row by row (plane by plane in 3D): neighbours are close in number.
            Placement = new RingKernelPlacement(tile.Index, tile.Grid.TileCount),
            Checksummed = options.Checksummed,

            // A command runs as long as its steps take; a tile that stops answering is the watchdog's to find.
            AskTimeout = Timeout.InfiniteTimeSpan,
        };
        bool launched = false;
        return KernelActor.Props(backend, tileKernel, CreateArgs, actorOptions);

        // A restart relaunches the tile from its last checkpoint; its failed command is then asked again.
        StencilTile CreateArgs()
        {
            if (!launched)
            {
                launched = true;
                return tile;
            }

            return tile.TryRestoreCheckpoint()
                ? tile
                : throw new InvalidOperationException($"Tile {tile.Index} cannot restart: it has no checkpoint, or has begun an exchange since its last one.");
        }
    }

    private async Task CommandAsync(TileCommand command, IProgress<TileProgress>? progress, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposing, this);
        var replies = new Task<TileProgress>[_refs.Length];
        var failed = new TaskCompletionSource<TileProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        for (int tile = 0; tile < replies.Length; tile++)
        {
            replies[tile] = CommandTileAsync(tile, command);

            // Any tile failing ends the command: the others may be waiting for its halo.
            _ = replies[tile].ContinueWith(
                static (reply, state) => ((TaskCompletionSource<TileProgress>)state!).TrySetException(reply.Exception!.InnerExceptions),
                failed,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        await Task.WhenAny(Task.WhenAll(replies), failed.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (failed.Task.IsFaulted)
            await failed.Task.ConfigureAwait(false);
        if (progress is not null)
        {
            foreach (Task<TileProgress> reply in replies)
                progress.Report(reply.Result);
        }
    }

    /// <summary>Asks tile <paramref name="tile"/> to carry out <paramref name="command"/>, again after each restart (a command names its end step, so repeating it is safe).</summary>
    private async Task<TileProgress> CommandTileAsync(int tile, TileCommand command)
    {
        while (true)
        {
            try
            {
                return await _refs[tile].Ask(command).ConfigureAwait(false);
            }
            catch (KernelRequestFailedException failure)
            {
                // The supervisor records its decision before the actor answers the failed command.
                if (_disposing)
                    throw new ObjectDisposedException(nameof(TiledStencilEngine), failure);
                if (_supervision.StopCauseOf(tile) is { } cause)
                {
                    throw cause as KernelFaultedException
                        ?? new KernelFaultedException(_tileKernelName, $"tile {tile}'s actor was stopped: {cause.Message}", cause);
                }
            }
        }
    }
}
