using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using RingKernel.Cluster.Protocol;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cluster;

/// <summary>
/// A tiled stencil simulation run across the cluster, driven from one node: its tiles are sharded
/// entities placed by the shard coordinator; tiles on one node trade halos over K2K, tiles on
/// different nodes over Akka.Remote (<see cref="NodeGeneration"/>). The result is the single-grid
/// reference's, bit for bit, on any number of nodes.
/// </summary>
/// <remarks>
/// <para>A run goes in generations. A generation is one placement of the tiles: the run locates every
/// tile (the shard region starts it where its shard lives), has each node set up its fabric and
/// bridges for the tiles it hosts, and connects each tile, which restores its checkpoint of the
/// generation's first step and starts its kernel. Commands go to every tile and the run waits for
/// all; no halo is in flight between two commands, so the tiles' states then form a consistent
/// checkpoint, which every <see cref="ClusterRunOptions.CheckpointInterval"/> steps each tile saves to
/// the checkpoint store.</para>
/// <para>When a node is lost (unreachable, downed, leaving), a tile's shard is handed to another node
/// or a tile fails, the generation ends: every node stops its tile kernels, the run waits until the
/// cluster has downed the lost node, and a new generation restores every tile from the last
/// checkpoint on the nodes that remain (or have joined), and runs on from there.</para>
/// </remarks>
public sealed class ClusterStencilRun : IAsyncDisposable
{
    private readonly ClusterStencilNode _node;
    private readonly MembershipWatch _watch;
    private string[] _placement = [];
    private long _committed;

    private ClusterStencilRun(ClusterStencilNode node, ClusterSimulation simulation, ClusterRunOptions options)
    {
        _node = node;
        Simulation = simulation;
        Options = options;
        Id = Guid.NewGuid().ToString("N")[..12];
        _watch = new MembershipWatch(node.System);
    }

    /// <summary>The run's id: its tiles' entity ids and checkpoints are named by it.</summary>
    public string Id { get; }

    public ClusterSimulation Simulation { get; }

    public ClusterRunOptions Options { get; }

    /// <summary>Steps every tile has done.</summary>
    public long StepsDone { get; private set; }

    /// <summary>The current generation (a placement of the tiles); 1 for a run that never recovered.</summary>
    public int Generation { get; private set; }

    /// <summary>Generations the run ended to recover, and why, in order.</summary>
    public IReadOnlyList<string> Recoveries => _recoveries;

    /// <summary>The step of the last checkpoint every tile saved: where a recovery goes back to.</summary>
    public long CheckpointStep => _committed;

    /// <summary>Each tile's node address in the current generation.</summary>
    public IReadOnlyList<string> Placement => _placement;

    private readonly List<string> _recoveries = [];

    /// <summary>
    /// Saves every tile's state at step 0 (cut from <paramref name="initialFields"/>, whole-grid fields:
    /// one for the heat equation, previous and current for the wave) as its first checkpoint, and
    /// places and connects the tiles on the cluster's nodes.
    /// </summary>
    /// <exception cref="ClusterStencilException">The tiles could not be placed or connected within the recoveries allowed.</exception>
    public static async Task<ClusterStencilRun> StartAsync(ClusterStencilNode node, ClusterSimulation simulation, IReadOnlyList<float[]> initialFields, ClusterRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(initialFields);
        if (initialFields.Count != simulation.FieldCount)
            throw new ArgumentException($"A {simulation.Kind} run starts from {simulation.FieldCount} field(s); {initialFields.Count} were given.", nameof(initialFields));
        foreach (float[] field in initialFields)
            StencilFields.CheckLength(field.Length, simulation.Grid.Size, nameof(initialFields));
        options ??= new ClusterRunOptions();
        var run = new ClusterStencilRun(node, simulation, options);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, simulation.Grid.TileCount).Select(tile =>
                node.Checkpoints.SaveAsync(run.Id, tile, simulation.CreateTile(tile, initialFields).CaptureState()))).ConfigureAwait(false);
            await run.StartGenerationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return run;
    }

    /// <summary>
    /// Advances every tile <paramref name="steps"/> steps, checkpointing on the way and recovering
    /// from lost nodes, and passes the tiles' last progress to <paramref name="progress"/> in tile order.
    /// </summary>
    /// <returns>The steps every tile has done.</returns>
    /// <exception cref="ClusterStencilException">The run could not recover within <see cref="ClusterRunOptions.MaxRecoveries"/>.</exception>
    public async Task<long> RunStepsAsync(int steps, IProgress<TileProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        await RunToAsync(StepsDone + steps, progress, cancellationToken).ConfigureAwait(false);
        return StepsDone;
    }

    /// <summary>Gathers every tile's cells into whole-grid fields (one for the heat equation, previous and current for the wave).</summary>
    public async Task<float[][]> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            long step = StepsDone;
            try
            {
                TileCaptured[] captured = await CommandAllAsync<TileCaptured>(_ => new CaptureTile(Generation, Persist: false), cancellationToken).ConfigureAwait(false);
                TileGrid grid = Simulation.Grid;
                float[][] fields = [.. Enumerable.Range(0, Simulation.FieldCount).Select(_ => new float[grid.Size.CellCount])];
                foreach (TileCaptured tile in captured)
                {
                    StencilTileState state = tile.State.ToState();
                    for (int level = 0; level < fields.Length; level++)
                        Simulation.Layout.StoreInterior(state.Levels[level], fields[level], grid.Size, grid.OriginOf(grid.TileAt(tile.State.Tile)));
                }

                return fields;
            }
            catch (GenerationLostException lost)
            {
                await RecoverAsync(lost.Message, cancellationToken).ConfigureAwait(false);
                await RunToAsync(step, null, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What each node that hosts tiles now did for this run: its tiles and its halo traffic.</summary>
    public async Task<IReadOnlyList<ClusterNodeReport>> ReportAsync()
    {
        IEnumerable<string> nodes = _node.Cluster.State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address.ToString());
        ClusterNodeReport[] reports = await Task.WhenAll(nodes.Select(address =>
            _node.NodeActorAt(address).Ask<ClusterNodeReport>(new GetNodeReport(Id), _node.Options.AskTimeout))).ConfigureAwait(false);
        return [.. reports.OrderBy(report => report.Address, StringComparer.Ordinal)];
    }

    /// <summary>Stops the tiles' kernels and entities on every node and deletes the run's checkpoints.</summary>
    public async ValueTask DisposeAsync()
    {
        await AbortEverywhereAsync().ConfigureAwait(false);
        for (int tile = 0; tile < Simulation.Grid.TileCount; tile++)
            _node.Tiles.Tell(Envelope(tile, new ReleaseTile(Generation)));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Simulation.Grid.TileCount).Select(tile => _node.Checkpoints.DeleteBeforeAsync(Id, tile, long.MaxValue - 1))).ConfigureAwait(false);
        }
        catch (Exception problem) when (problem is ClusterStencilException or AskTimeoutException)
        {
            // The checkpoints stay in the store; the run itself is over.
        }

        _watch.Dispose();
    }

    private async Task RunToAsync(long target, IProgress<TileProgress>? progress, CancellationToken cancellationToken)
    {
        TileRan[]? last = null;
        while (StepsDone < target)
        {
            long until = Options.CheckpointInterval > 0 ? Math.Min(target, ((StepsDone / Options.CheckpointInterval) + 1) * Options.CheckpointInterval) : target;
            try
            {
                last = await CommandAllAsync<TileRan>(_ => new RunTile(Generation, until), cancellationToken).ConfigureAwait(false);
                StepsDone = until;
                if (Options.CheckpointInterval > 0 && until % Options.CheckpointInterval == 0)
                    await CheckpointAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (GenerationLostException lost)
            {
                last = null;
                await RecoverAsync(lost.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        if (progress is not null && last is not null)
        {
            foreach (TileRan tile in last)
                progress.Report(tile.ToProgress());
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await CommandAllAsync<TileSaved>(_ => new CaptureTile(Generation, Persist: true), cancellationToken).ConfigureAwait(false);
        _committed = StepsDone;
        await Task.WhenAll(Enumerable.Range(0, Simulation.Grid.TileCount).Select(tile => _node.Checkpoints.DeleteBeforeAsync(Id, tile, _committed))).ConfigureAwait(false);
    }

    /// <summary>Ends the generation and starts another from the last checkpoint, on the nodes that are up.</summary>
    private async Task RecoverAsync(string reason, CancellationToken cancellationToken)
    {
        while (true)
        {
            _recoveries.Add($"generation {Generation} at step {StepsDone}: {reason}");
            if (_recoveries.Count > Options.MaxRecoveries)
                throw new ClusterStencilException($"Run {Id} gave up after {Options.MaxRecoveries} recoveries; the first: {_recoveries[0]}; the last: {reason}.");
            await AbortEverywhereAsync().ConfigureAwait(false);
            await WaitForSettledClusterAsync(cancellationToken).ConfigureAwait(false);
            StepsDone = _committed;
            try
            {
                await StartGenerationAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (GenerationLostException lost)
            {
                reason = lost.Message;
            }
        }
    }

    /// <summary>Places every tile, has each node set up its part, and connects the tiles from the checkpoint of <see cref="StepsDone"/>.</summary>
    private async Task StartGenerationAsync(CancellationToken cancellationToken)
    {
        Generation++;
        _watch.Reset();
        if (!_node.Cluster.State.Unreachable.IsEmpty)
            throw new GenerationLostException($"node(s) {string.Join(", ", _node.Cluster.State.Unreachable.Select(m => m.Address))} are unreachable");
        int generation = Generation;
        TileLocated[] located = await CommandAllAsync<TileLocated>(_ => new LocateTile(generation), cancellationToken, Options.LocateTimeout).ConfigureAwait(false);
        _placement = [.. located.Select(tile => tile.Address)];
        var prepare = new PrepareGeneration(Id, generation, Simulation, _placement);
        try
        {
            await Task.WhenAll(_placement.Distinct().Select(address =>
                _node.NodeActorAt(address).Ask<GenerationPrepared>(prepare, _node.Options.AskTimeout, _watch.Lost))).ConfigureAwait(false);
        }
        catch (Exception problem) when (problem is AskTimeoutException or OperationCanceledException)
        {
            throw new GenerationLostException($"a node did not set up generation {generation}: {(_watch.Lost.IsCancellationRequested ? _watch.Reason : problem.Message)}");
        }

        long step = StepsDone;
        TileConnected[] connected = await CommandAllAsync<TileConnected>(_ => new ConnectTile(Simulation, generation, step), cancellationToken).ConfigureAwait(false);
        foreach (TileConnected tile in connected)
        {
            if (tile.Address != _placement[tile.Tile])
                throw new GenerationLostException($"tile {tile.Tile} moved from {_placement[tile.Tile]} to {tile.Address} while generation {generation} was set up");
        }
    }

    /// <summary>
    /// Sends every tile the message <paramref name="command"/> makes for it and waits for each one's
    /// answer of type <typeparamref name="TReply"/>, returned in tile order.
    /// </summary>
    /// <exception cref="GenerationLostException">A tile failed, or a member of the cluster was lost, or (with a <paramref name="timeout"/>) a tile did not answer in time.</exception>
    private async Task<TReply[]> CommandAllAsync<TReply>(Func<int, object> command, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TReply : class
    {
        int tiles = Simulation.Grid.TileCount;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _watch.Lost);
        if (timeout is { } limit)
            stop.CancelAfter(limit);
        var asks = new Task<object>[tiles];
        for (int tile = 0; tile < tiles; tile++)
            asks[tile] = _node.Tiles.Ask<object>(Envelope(tile, command(tile)), Timeout.InfiniteTimeSpan, stop.Token);

        var replies = new TReply[tiles];
        var pending = new HashSet<Task<object>>(asks);
        while (pending.Count > 0)
        {
            Task<object> done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            if (done.IsCanceled || done.IsFaulted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await stop.CancelAsync().ConfigureAwait(false);
                throw new GenerationLostException(_watch.Lost.IsCancellationRequested ? _watch.Reason : $"tile {Array.IndexOf(asks, done)} did not answer within {timeout?.TotalSeconds:0.#} s");
            }

            switch (done.Result)
            {
                case TReply reply:
                    replies[Array.IndexOf(asks, done)] = reply;
                    break;
                case TileFailed failed:
                    await stop.CancelAsync().ConfigureAwait(false);
                    throw new GenerationLostException(failed.Reason);
                case var other:
                    await stop.CancelAsync().ConfigureAwait(false);
                    throw new GenerationLostException($"tile {Array.IndexOf(asks, done)} answered {other.GetType().Name}, not {typeof(TReply).Name}");
            }
        }

        return replies;
    }

    private async Task AbortEverywhereAsync()
    {
        IEnumerable<string> nodes = _node.Cluster.State.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Joining or MemberStatus.WeaklyUp)
            .Where(m => !_node.Cluster.State.Unreachable.Contains(m)).Select(m => m.Address.ToString());
        var abort = new AbortGeneration(Id, Generation);
        await Task.WhenAll(nodes.Select(async address =>
        {
            try
            {
                await _node.NodeActorAt(address).Ask<GenerationAborted>(abort, _node.Options.AskTimeout).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                // A node that does not answer is lost, and its kernels with it.
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Waits until no member is unreachable or on its way out, so the shard coordinator has moved the lost node's shards.</summary>
    private async Task WaitForSettledClusterAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Options.RecoveryTimeout);
        while (true)
        {
            ClusterEvent.CurrentClusterState state = _node.Cluster.State;
            if (state.Unreachable.IsEmpty && state.Members.All(m => m.Status == MemberStatus.Up))
                return;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ClusterStencilException($"Run {Id}: the cluster did not settle within {Options.RecoveryTimeout.TotalSeconds:0.#} s (unreachable: {string.Join(", ", state.Unreachable.Select(m => m.Address))}).");
            }
        }
    }

    private ShardingEnvelope Envelope(int tile, object message) =>
        new(TileEntityIds.EntityId(Id, ShardOf(tile), tile), message);

    /// <summary>A shard is a row of tiles (2D) or a plane (3D): neighbours along X, and along Y in 3D, share a node.</summary>
    private int ShardOf(int tile)
    {
        Kernels.Index3 at = Simulation.Grid.TileAt(tile);
        return Simulation.Grid.Size.Is2D ? at.Y : at.Z;
    }
}
