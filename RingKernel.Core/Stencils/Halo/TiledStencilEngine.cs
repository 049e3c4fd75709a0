using RingKernel.Backends;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// Runs a tiled stencil simulation as one persistent ring kernel per tile (threadgroup actors):
/// each tile kernel owns its cells and halo and exchanges halo strips with its neighbours directly
/// over K2K, with no host round trip. The host only sends <see cref="TileCommand"/>s
/// (<see cref="TileCommandKind.RunSteps"/>, <see cref="TileCommandKind.Snapshot"/>) through the tiles'
/// input rings, reads <see cref="TileProgress"/> replies from their output rings, and terminates the
/// kernels when disposed.
/// </summary>
/// <remarks>
/// A tile kernel's body is resumable (<see cref="CpuResumableBody{TArgs}"/>): it runs as many steps
/// as its halos allow and, when an exchange waits for a neighbour, returns instead of blocking; the
/// neighbour rings the tile's <see cref="HaloDoorbells"/> doorbell after each send or receive, which
/// resumes it. So the CPU backend can run hundreds of tiles as coroutines on one worker thread per
/// core (its cooperative ring-kernel scheduling), and a waiting tile holds no thread.
/// </remarks>
public sealed class TiledStencilEngine : IAsyncDisposable
{
    private static readonly LaunchOptions TileKernelOptions = new(new Dim3(1), new Dim3(1)) { InputRingCapacity = 16, OutputRingCapacity = 16 };

    private static readonly KernelDefinition<StencilTile> TileKernel = new("stencil-tile", TileKernelOptions)
    {
        CpuResumableBody = static (kernel, tile) =>
        {
            TileCommand command = kernel.Get<TileCommand>();
            switch (command.Kind)
            {
                case TileCommandKind.RunSteps:
                    tile.ConnectDoorbell(kernel);
                    if (!tile.TryRunUntil(command.UntilStep))
                        return false;
                    break;
                case TileCommandKind.Snapshot:
                    tile.Snapshot();
                    break;
                default:
                    throw new InvalidOperationException($"Tile {tile.Index} got an unknown command {command.Kind}.");
            }

            kernel.Reply(tile.Progress);
            return true;
        },
    };

    private readonly K2KFabric _fabric;
    private readonly HaloDoorbells _doorbells;
    private readonly List<RingKernelMemory> _memories = [];
    private readonly List<IRingKernel> _kernels = [];
    private readonly IRingKernelBackend _backend;
    private readonly TiledStencilOptions _options;
    private readonly int[] _restarts;
    private ulong _nextCorrelation;

    private TiledStencilEngine(IRingKernelBackend backend, IReadOnlyList<StencilTile> tiles, K2KFabric fabric, TiledStencilOptions options)
    {
        _backend = backend;
        _options = options;
        _restarts = new int[tiles.Count];
        Tiles = tiles;
        _fabric = fabric;
        _doorbells = new HaloDoorbells(tiles.Count);
    }

    /// <summary>The tiles, by number; their state belongs to their kernels while a command runs.</summary>
    public IReadOnlyList<StencilTile> Tiles { get; }

    /// <summary>The tile kernels, by tile number.</summary>
    public IReadOnlyList<IRingKernel> Kernels => _kernels;

    /// <summary>The K2K routes between the tiles.</summary>
    public IReadOnlyList<K2KRoute> Routes => _fabric.Routes;

    /// <summary>Steps every tile has done.</summary>
    public long StepsDone { get; private set; }

    /// <summary>Tile kernels relaunched from their checkpoints after a fault (see <see cref="TiledStencilOptions.RestartFromCheckpoints"/>).</summary>
    public int Restarts => _restarts.Sum();

    /// <summary>
    /// Connects <paramref name="tiles"/> (every tile of one grid, by number, with one halo width and
    /// boundary) over K2K and launches a ring kernel for each on <paramref name="backend"/>.
    /// </summary>
    public static async Task<TiledStencilEngine> StartAsync(IRingKernelBackend backend, IReadOnlyList<StencilTile> tiles, TiledStencilOptions? options = null)
    {
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

        var fabric = new K2KFabric(backend.MemorySpace, HaloChunk.CreateTypes(), options.InboxCapacity, HaloChunk.InboxSlotSize, options.Checksummed);
        var engine = new TiledStencilEngine(backend, tiles, fabric, options);
        try
        {
            fabric.ConnectNeighbourhood(first.Grid, first.Neighbourhood, first.Boundary.Kind);
            var commandTypes = new MessageTypeRegistry(TileKernelOptions.MessageSlotBytes - MessageHeader.Size)
                .Register<TileCommand>(TileCommand.TypeId)
                .Register<TileProgress>(TileProgress.TypeId);
            foreach (StencilTile tile in tiles)
            {
                K2KEndpoint endpoint = fabric.Endpoint((uint)tile.Index);
                tile.Attach(endpoint, options, engine._doorbells);
                RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, TileKernelOptions, commandTypes);
                engine._memories.Add(memory);
                memory.AttachK2K(endpoint);
                IRingKernel kernel = backend.CreateRingKernel(TileKernel, tile, memory, engine.PlacementOf(tile.Index));
                kernel.Launch();
                engine._kernels.Add(kernel);
                await kernel.ActivateAsync().ConfigureAwait(false);
            }
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
    /// reply, passing each to <paramref name="progress"/> as it is read.
    /// </summary>
    /// <returns>The steps every tile has done.</returns>
    /// <exception cref="KernelFaultedException">A tile kernel faulted (a halo protocol error, a fault in its body).</exception>
    public async Task<long> RunStepsAsync(int steps, IProgress<TileProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        await CommandAsync(TileCommand.RunSteps(StepsDone + steps), progress, cancellationToken).ConfigureAwait(false);
        StepsDone += steps;
        return StepsDone;
    }

    /// <summary>Tells every tile to write its cells into the whole-grid field(s) its tile was made with, and waits until all have.</summary>
    public Task SnapshotAsync(CancellationToken cancellationToken = default) => CommandAsync(TileCommand.Snapshot, null, cancellationToken);

    /// <summary>Terminates the tile kernels and frees their rings and the K2K routes.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (IRingKernel kernel in _kernels)
        {
            if (kernel.State is not (RingKernelState.Terminated or RingKernelState.Faulted))
                await kernel.TerminateAsync().ConfigureAwait(false);
        }

        foreach (IRingKernel kernel in _kernels)
        {
            try
            {
                await kernel.Completion.ConfigureAwait(false);
            }
            catch (KernelFaultedException)
            {
                // RunStepsAsync already reported the fault to the caller; disposal only frees.
            }
        }

        _kernels.Clear();
        foreach (RingKernelMemory memory in _memories)
            memory.Dispose();
        _memories.Clear();
        _fabric.Dispose();
    }

    /// <summary>
    /// Relaunches faulted tile kernel <paramref name="tile"/> over its rings after restoring its
    /// checkpoint; its unprocessed command is still at the head of its input ring (a faulted ring
    /// kernel does not commit the message in hand) and, naming the step to reach, is simply run again.
    /// </summary>
    private async Task<bool> TryRestartAsync(int tile)
    {
        if (!_options.RestartFromCheckpoints || _kernels[tile].State != RingKernelState.Faulted || _restarts[tile] >= _options.MaxRestartsPerTile)
            return false;
        if (!Tiles[tile].TryRestoreCheckpoint())
            return false;
        IRingKernel relaunched = _backend.CreateRingKernel(TileKernel, Tiles[tile], _memories[tile], PlacementOf(tile));
        relaunched.Launch();
        _kernels[tile] = relaunched;
        _restarts[tile]++;
        await relaunched.ActivateAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Tiles are numbered row by row (plane by plane in 3D): neighbours are close in number.</summary>
    private RingKernelPlacement PlacementOf(int tile) => new(tile, Tiles.Count);

    /// <summary>Relaunches every ended tile kernel that can be; throws the fault of the first that cannot.</summary>
    private async Task RecoverEndedTilesAsync()
    {
        for (int tile = 0; tile < _kernels.Count; tile++)
        {
            IRingKernel kernel = _kernels[tile];
            if (!kernel.Completion.IsCompleted || await TryRestartAsync(tile).ConfigureAwait(false))
                continue;
            await kernel.Completion.ConfigureAwait(false);
            throw new KernelFaultedException(kernel.Name, $"tile {tile}'s kernel ended while a tile command was in progress");
        }
    }

    private async Task CommandAsync(TileCommand command, IProgress<TileProgress>? progress, CancellationToken cancellationToken)
    {
        ulong correlation = ++_nextCorrelation;
        foreach (IRingKernel kernel in _kernels)
            await kernel.Input.EnqueueAsync(command, new MessageHeader { CorrelationId = correlation }, cancellationToken).ConfigureAwait(false);

        // Any tile ending stops the run: the tile waited on may be waiting for that one's halo.
        Task ended = Task.WhenAny(_kernels.Select(k => k.Completion));
        for (int tile = 0; tile < _kernels.Count; tile++)
        {
            TileProgress reply;
            MessageHeader header;
            while (!_kernels[tile].Output.TryDequeue(out reply, out header))
            {
                using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task ready = _kernels[tile].Output.WaitToReadAsync(stopWaiting.Token).AsTask();
                if (await Task.WhenAny(ready, ended).ConfigureAwait(false) != ready)
                {
                    // One reader waits on a ring at a time: end this wait before a relaunched kernel's.
                    await stopWaiting.CancelAsync().ConfigureAwait(false);
                    await ready.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    cancellationToken.ThrowIfCancellationRequested();
                    await RecoverEndedTilesAsync().ConfigureAwait(false);
                    ended = Task.WhenAny(_kernels.Select(k => k.Completion));
                    continue;
                }

                await ready.ConfigureAwait(false);
            }

            if (header.CorrelationId != correlation)
                throw new InvalidOperationException($"Tile kernel {_kernels[tile].Name} answered command {header.CorrelationId} while {correlation} was expected.");
            progress?.Report(reply);
        }
    }
}
