using Akka.Actor;
using RingKernel.Backends;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// Runs a tiled stencil simulation as supervised kernel actors (threadgroup actors on Akka.NET),
/// one per <see cref="TileGroup"/>: the backend says which tiles one actor runs
/// (<see cref="ITiledStencilBackend.GroupTiles"/>: each tile alone on the CPU, every tile as a
/// workgroup of one device kernel on a GPU) and supplies the tile kernel. Tiles own their cells and
/// halo and exchange halo strips with their neighbours directly over the K2K routes of one
/// <see cref="K2KFabric"/> made from the <see cref="TileGrid"/>, with no host round trip. The group
/// actors are children of one supervisor, which restarts a faulted group from its checkpoint
/// (<see cref="TiledStencilOptions.RestartFromCheckpoints"/>) or stops it. The host only sends
/// <see cref="TileCommand"/>s (<see cref="TileCommandKind.RunSteps"/>, <see cref="TileCommandKind.Snapshot"/>)
/// through the groups' <see cref="KernelRef{TRequest, TReply}"/>s and reads their <see cref="TileProgress"/>
/// replies; disposing stops the actors, which end the kernels and free their rings.
/// </summary>
/// <remarks>
/// A tile kernel's body is resumable: it runs as many steps as its halos allow and, when an exchange
/// waits for a neighbour, returns instead of blocking; the neighbour rings the tile's
/// <see cref="HaloDoorbells"/> doorbell after sending to it (or making room it waits for), which
/// resumes it (<see cref="IResumableKernel"/>). So the CPU backend can run hundreds of tiles as
/// coroutines on one worker thread per core (its cooperative ring-kernel scheduling), and a waiting
/// tile holds no thread.
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

    private TiledStencilEngine(ActorSystem system, IReadOnlyList<StencilTile> tiles, IReadOnlyList<TileGroup> groups, K2KFabric fabric, string tileKernelName, TiledStencilOptions options)
    {
        System = system;
        Tiles = tiles;
        Groups = groups;
        _fabric = fabric;
        _tileKernelName = tileKernelName;
        _supervision = new TileSupervisionStrategy(groups.Count, options);
    }

    /// <summary>The actor system the group actors live in.</summary>
    public ActorSystem System { get; }

    /// <summary>The tiles, by number; their state belongs to their kernels while a command runs.</summary>
    public IReadOnlyList<StencilTile> Tiles { get; }

    /// <summary>The tile groups, in tile order: one kernel actor each.</summary>
    public IReadOnlyList<TileGroup> Groups { get; }

    /// <summary>The groups' kernel actors, by group (children of one supervisor).</summary>
    public IReadOnlyList<IActorRef> GroupActors => _actors;

    /// <summary>The K2K fabric the tiles' routes and inboxes live in (tile i is kernel i).</summary>
    public K2KFabric Fabric => _fabric;

    /// <summary>The K2K routes between the tiles.</summary>
    public IReadOnlyList<K2KRoute> Routes => _fabric.Routes;

    /// <summary>Steps every tile has done.</summary>
    public long StepsDone { get; private set; }

    /// <summary>Group kernel actors restarted from their checkpoints after a fault (see <see cref="TiledStencilOptions.RestartFromCheckpoints"/>).</summary>
    public int Restarts => _supervision.Restarts;

    /// <summary>
    /// Connects <paramref name="tiles"/> (every tile of one grid, by number, with one halo width and
    /// boundary) over K2K, groups them as <paramref name="backend"/> runs them and starts a kernel
    /// actor for each group, running the backend's tile kernel, under one supervisor in <paramref name="system"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The backend has no tile kernel for these tiles.</exception>
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

        IReadOnlyList<TileGroup> groups = backend.GroupTiles(tiles);
        K2KFabric fabric;
        try
        {
            int inboxCapacity = options.InboxCapacity ?? groups.Max(group => group.InboxCapacity(tiles, options.ChunkElements));
            bool checksummed = options.Checksummed && groups.All(group => group.VerifiesChecksums);
            fabric = new K2KFabric(backend.MemorySpace, HaloInboxes.CreateTypes(), inboxCapacity, HaloChunk.InboxSlotSize, checksummed);
        }
        catch
        {
            DisposeGroups(groups);
            throw;
        }

        KernelDefinition<TileGroup> tileKernel = backend.TileKernel;
        var engine = new TiledStencilEngine(system, tiles, groups, fabric, tileKernel.Name, options);
        try
        {
            fabric.ConnectNeighbourhood(first.Grid, first.Neighbourhood, first.Boundary.Kind);
            var doorbells = new HaloDoorbells(tiles.Count);
            var props = new Props[groups.Count];
            for (int i = 0; i < groups.Count; i++)
            {
                TileGroup group = groups[i];
                group.Connect(fabric, options, doorbells);
                props[i] = TileProps(backend, tileKernel, group, group.TileCount == 1 ? fabric.Endpoint((uint)group.FirstTile) : null, options);
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
    /// Tells every tile to advance <paramref name="steps"/> steps and waits for each group's progress
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

    /// <summary>Stops the group actors, waits until their kernels have ended and their rings are freed, and frees the groups and the K2K routes.</summary>
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

        DisposeGroups(Groups);
        _fabric.Dispose();
    }

    /// <summary>
    /// The props of one group's kernel actor, its kernel attached to <paramref name="endpoint"/> when
    /// the group is one tile (a group of several reaches its tiles' endpoints itself); the cluster
    /// engine starts its tiles with them too.
    /// </summary>
    public static Props TileProps(IRingKernelBackend backend, KernelDefinition<TileGroup> tileKernel, TileGroup group, K2KEndpoint? endpoint, TiledStencilOptions options)
    {
        var actorOptions = new KernelActorOptions
        {
            Messages = new KernelMessageTypes().Add<TileCommand>(TileCommand.TypeId).Add<TileProgress>(TileProgress.TypeId),
            K2K = endpoint,

            // Tiles are numbered row by row (plane by plane in 3D): neighbours are close in number.
            Placement = new RingKernelPlacement(group.FirstTile, group.Grid.TileCount),
            Checksummed = options.Checksummed,

            // A command runs as long as its steps take; a group that stops answering is the watchdog's to find.
            AskTimeout = Timeout.InfiniteTimeSpan,
        };
        bool launched = false;
        return KernelActor.Props(backend, tileKernel, CreateArgs, actorOptions);

        // A restart relaunches the group from its last checkpoint; its failed command is then asked again.
        TileGroup CreateArgs()
        {
            if (!launched)
            {
                launched = true;
                return group;
            }

            return group.TryRestoreCheckpoint()
                ? group
                : throw new InvalidOperationException($"The group of tile {group.FirstTile} cannot restart: it has no checkpoint, or has begun an exchange since its last one.");
        }
    }

    private static void DisposeGroups(IReadOnlyList<TileGroup> groups)
    {
        foreach (TileGroup group in groups)
            group.Dispose();
    }

    private async Task CommandAsync(TileCommand command, IProgress<TileProgress>? progress, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposing, this);
        var replies = new Task<TileProgress>[_refs.Length];
        var failed = new TaskCompletionSource<TileProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        for (int group = 0; group < replies.Length; group++)
        {
            replies[group] = CommandGroupAsync(group, command);

            // Any group failing ends the command: the others may be waiting for its halo.
            _ = replies[group].ContinueWith(
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

    /// <summary>Asks group <paramref name="group"/> to carry out <paramref name="command"/>, again after each restart (a command names its end step, so repeating it is safe).</summary>
    private async Task<TileProgress> CommandGroupAsync(int group, TileCommand command)
    {
        while (true)
        {
            try
            {
                return await _refs[group].Ask(command).ConfigureAwait(false);
            }
            catch (KernelRequestFailedException failure)
            {
                // The supervisor records its decision before the actor answers the failed command.
                if (_disposing)
                    throw new ObjectDisposedException(nameof(TiledStencilEngine), failure);
                if (_supervision.StopCauseOf(group) is { } cause)
                {
                    throw cause as KernelFaultedException
                        ?? new KernelFaultedException(_tileKernelName, $"the actor of the group of tile {Groups[group].FirstTile} was stopped: {cause.Message}", cause);
                }
            }
        }
    }
}
