using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// One tile of a tiled stencil simulation, the state of one tile kernel: its cells with a halo of
/// <see cref="Halo"/> cells, refreshed over K2K every <see cref="Halo"/> steps. Between exchanges a
/// tile computes a region that shrinks by one cell per step from the full halo to its own cells
/// (communication-avoiding), so a halo of h costs one exchange per h steps and gives the same bits
/// as a single-grid step every time.
/// </summary>
/// <remarks>
/// On a side with no neighbour (the grid's edge under a fixed boundary) the halo holds the fixed
/// value and the region does not grow into it.
/// </remarks>
public abstract class StencilTile : TileGroup
{
    private readonly HaloRegion _interior;
    private readonly Index3 _growMinus;
    private readonly Index3 _growPlus;
    private HaloExchange? _exchange;
    private float[][]? _checkpoint;
    private long _checkpointStep;
    private long _checkpointExchangedStep = -1;

    // The step whose epoch's halo is in place: a tile restored to a checkpoint taken right after an
    // exchange must not exchange that epoch again.
    private long _exchangedStep = -1;
    private bool _exchangedSinceCheckpoint;

    // An exchange begun and not yet finished: the tile resumes it before its next step.
    private bool _exchanging;
    private HaloDoorbells? _doorbells;

    protected StencilTile(TileGrid grid, int tile, int halo, StencilBoundary boundary)
        : base(grid, tile, 1)
    {
        string? error = grid.CheckHaloWidth(halo);
        if (error is not null)
            throw new ArgumentOutOfRangeException(nameof(halo), halo, error);
        Index = tile;
        Coordinates = grid.TileAt(tile);
        Origin = grid.OriginOf(Coordinates);
        Boundary = boundary;
        Layout = new HaloTileLayout(grid, halo);
        _interior = Layout.Interior;
        _growMinus = new Index3(Grows(TileFace.XMinus), Grows(TileFace.YMinus), grid.Size.Is2D ? 0 : Grows(TileFace.ZMinus));
        _growPlus = new Index3(Grows(TileFace.XPlus), Grows(TileFace.YPlus), grid.Size.Is2D ? 0 : Grows(TileFace.ZPlus));
    }

    /// <summary>The tile's number in <see cref="TileGroup.Grid"/>.</summary>
    public int Index { get; }

    public Index3 Coordinates { get; }

    /// <summary>The grid coordinates of the tile's first cell.</summary>
    public Index3 Origin { get; }

    public StencilBoundary Boundary { get; }

    public HaloTileLayout Layout { get; }

    public int Halo => Layout.Halo;

    /// <summary>Whether the tile checkpoints after each exchange (<see cref="TiledStencilOptions.RestartFromCheckpoints"/>).</summary>
    public override bool HasCheckpoints => _checkpoint is not null;

    /// <summary>The neighbourhood the tile exchanges with: faces only for a halo of 1, faces, edges and corners for wider halos (the shrinking region reads diagonal neighbours' cells).</summary>
    public K2KNeighbourhood Neighbourhood => Halo == 1 ? K2KNeighbourhood.VonNeumann : K2KNeighbourhood.Moore;

    /// <summary>The tile's progress as its kernel reports it.</summary>
    public override TileProgress Progress => new(Index, StepsDone, _exchange?.ChunksSent ?? 0, _exchange?.ChunksReceived ?? 0, _exchange?.BytesSent ?? 0);

    /// <summary>Called before each step with (tile, step); see <see cref="TiledStencilOptions.BeforeStep"/>.</summary>
    internal Action<int, long>? BeforeStep { get; set; }

    /// <summary>The padded fields whose halos are exchanged, in the order they travel.</summary>
    protected abstract float[][] ExchangedLevels { get; }

    /// <summary>The padded fields that hold the tile's state between steps (what a checkpoint copies).</summary>
    protected abstract float[][] StateLevels { get; }

    /// <summary>The padded fields that hold the tile's state between steps, in the order <see cref="CaptureState"/> copies them (a device group loads its tiles from them and stores them back).</summary>
    public float[][] PaddedState => StateLevels;

    /// <summary>Attaches the tile to its endpoint of <paramref name="fabric"/>, kernel <see cref="Index"/>.</summary>
    public override void Connect(K2KFabric fabric, TiledStencilOptions options, HaloDoorbells doorbells)
    {
        ArgumentNullException.ThrowIfNull(fabric);
        Attach(fabric.Endpoint((uint)Index), options, doorbells);
    }

    /// <summary>Connects the tile to its K2K endpoint (and the tiles' doorbells, if any); the engine calls it before the tile's kernel starts.</summary>
    public void Attach(K2KEndpoint endpoint, TiledStencilOptions options, HaloDoorbells? doorbells = null, uint firstKernelId = 0)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        _exchange = new HaloExchange(endpoint, Layout, K2KDirections.Of(Neighbourhood, !Grid.Size.Is2D), firstKernelId, options.ChunkElements, doorbells);
        _doorbells = doorbells;
        BeforeStep = options.BeforeStep;
        if (options.RestartFromCheckpoints)
            SaveCheckpoint();
    }

    /// <summary>
    /// Puts the tile back to its last checkpoint (taken after its last exchange, or at the start);
    /// false, changing nothing, when there is none or the tile has begun an exchange since, whose
    /// chunks cannot be sent or read twice.
    /// </summary>
    public override bool TryRestoreCheckpoint()
    {
        if (_checkpoint is null || _exchangedSinceCheckpoint)
            return false;
        float[][] levels = StateLevels;
        for (int i = 0; i < levels.Length; i++)
            _checkpoint[i].CopyTo(levels[i], 0);
        StepsDone = _checkpointStep;
        _exchangedStep = _checkpointExchangedStep;
        return true;
    }

    /// <summary>
    /// A copy of the tile's state between commands (its padded state fields, its steps and the epoch
    /// whose halo is in place), for a checkpoint kept outside the process; <see cref="RestoreState"/>
    /// puts a tile of the same grid, number and halo back to it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tile is in the middle of a halo exchange.</exception>
    public StencilTileState CaptureState()
    {
        if (_exchanging)
            throw new InvalidOperationException($"Tile {Index} is exchanging the halo of step {StepsDone}; its state is captured between commands.");
        return new StencilTileState(StepsDone, _exchangedStep, [.. StateLevels.Select(level => (float[])level.Clone())]);
    }

    /// <summary>Puts the tile back to <paramref name="state"/> (from <see cref="CaptureState"/> of this tile, perhaps in another process); the tile must not be in the middle of an exchange.</summary>
    /// <exception cref="ArgumentException">The state has other fields than this tile's.</exception>
    /// <exception cref="InvalidOperationException">The tile is in the middle of a halo exchange.</exception>
    public void RestoreState(StencilTileState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_exchanging)
            throw new InvalidOperationException($"Tile {Index} is exchanging the halo of step {StepsDone}; it is restored between commands.");
        float[][] levels = StateLevels;
        if (state.Levels.Count != levels.Length || state.Levels.Any(level => level.Length != Layout.Length))
            throw new ArgumentException($"Tile {Index} holds {levels.Length} field(s) of {Layout.Length} floats; the state has {state.Levels.Count} of {string.Join(", ", state.Levels.Select(level => level.Length))}.", nameof(state));
        for (int i = 0; i < levels.Length; i++)
            state.Levels[i].CopyTo(levels[i], 0);
        StepsDone = state.Step;
        _exchangedStep = state.ExchangedStep;
        if (_checkpoint is not null)
            SaveCheckpoint();
    }

    /// <summary>
    /// Advances towards <see cref="TileGroup.StepsDone"/> = <paramref name="untilStep"/> as far as the halos
    /// allow, exchanging halos at the start of every epoch of <see cref="Halo"/> steps: true when it
    /// got there, false when an exchange waits for a neighbour (call again when the tile's doorbell
    /// rings; the exchange goes on where it stopped). It never blocks.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tile is not attached to a K2K endpoint.</exception>
    public override bool TryRunUntil(long untilStep)
    {
        HaloExchange exchange = _exchange ?? throw new InvalidOperationException($"Tile {Index} is not attached to a K2K endpoint.");
        while (StepsDone < untilStep)
        {
            int phase = (int)(StepsDone % Halo);
            if (!_exchanging)
            {
                BeforeStep?.Invoke(Index, StepsDone);
                if (phase == 0 && _exchangedStep != StepsDone)
                {
                    _exchangedSinceCheckpoint = true;
                    exchange.Begin((ulong)StepsDone, ExchangedLevels);
                    _exchanging = true;
                }
            }

            if (_exchanging)
            {
                if (!exchange.TryFinish())
                    return false;
                _exchanging = false;
                _exchangedStep = StepsDone;
                if (_checkpoint is not null)
                    SaveCheckpoint();
            }

            Advance(Region(Halo - 1 - phase));
            StepsDone++;
        }

        return true;
    }

    /// <summary>The chunks of <paramref name="chunkElements"/> floats that the tile's longest strip of one exchange takes (every exchanged level of its largest face, edge or corner).</summary>
    public int LongestStripChunks(int chunkElements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkElements, 1);
        int levels = ExchangedLevels.Length;
        int cells = K2KDirections.Of(Neighbourhood, !Grid.Size.Is2D).Max(direction => Layout.SendRegion(direction).CellCount);
        return (int)(((long)cells * levels + chunkElements - 1) / chunkElements);
    }

    /// <summary>Makes <paramref name="kernel"/> the one this tile's doorbell resumes, if the tile has doorbells; a tile kernel calls it before <see cref="TryRunUntil"/>.</summary>
    public override void ConnectDoorbell(IResumableKernel kernel) => _doorbells?.Connect((uint)Index, kernel);

    /// <summary>Writes the tile's cells into the engine's whole-grid field(s).</summary>
    public abstract override void Snapshot();

    /// <summary>Computes one step over <paramref name="region"/> (tile coordinates) and makes it the current level.</summary>
    protected abstract void Advance(HaloRegion region);

    /// <summary>A padded field with every cell at the fixed boundary value (the halo on a side without a neighbour keeps it).</summary>
    protected float[] NewLevel()
    {
        var level = new float[Layout.Length];
        if (Boundary.Kind == BoundaryKind.Fixed)
            Array.Fill(level, Boundary.FixedValue);
        return level;
    }

    private void SaveCheckpoint()
    {
        float[][] levels = StateLevels;
        _checkpoint ??= [.. levels.Select(level => new float[level.Length])];
        for (int i = 0; i < levels.Length; i++)
            levels[i].CopyTo(_checkpoint[i], 0);
        _checkpointStep = StepsDone;
        _checkpointExchangedStep = _exchangedStep;
        _exchangedSinceCheckpoint = false;
    }

    private HaloRegion Region(int extent) => new(
        new Index3(_interior.Start.X - (extent * _growMinus.X), _interior.Start.Y - (extent * _growMinus.Y), _interior.Start.Z - (extent * _growMinus.Z)),
        new Index3(_interior.End.X + (extent * _growPlus.X), _interior.End.Y + (extent * _growPlus.Y), _interior.End.Z + (extent * _growPlus.Z)));

    private int Grows(TileFace face) => Grid.TryGetNeighbour(Coordinates, face, Boundary.Kind, out _) ? 1 : 0;
}
