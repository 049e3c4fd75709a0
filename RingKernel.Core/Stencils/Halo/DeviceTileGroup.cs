using System.Runtime.CompilerServices;
using RingKernel.K2K;
using RingKernel.Layouts;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// Every tile of a grid on one device, each a workgroup (or block) of the launches the group's tile
/// kernel issues from the host (<see cref="TileGroupDriver"/>): what a GPU backend's tile group shares,
/// whatever its device. Each tile's two padded levels live in device memory, tile after tile
/// (<see cref="LevelOffset"/>); tiles trade halo strips as <see cref="HaloChunk"/> K2K messages through
/// the engine's <see cref="K2KFabric"/>; a device reports the first halo fault of a launch as a
/// <see cref="HaloFault"/>. Epochs of <see cref="Halo"/> steps start at multiples of it, as a CPU
/// tile's exchanges do, so a run may start or stop inside one. The checkpoint is the host copy of the device fields at the end of the last
/// command; restoring it also empties the inboxes, so the command runs again from there.
/// </summary>
public abstract class DeviceTileGroup : TileGroup
{
    private K2KFabric? _fabric;
    private float[]? _checkpoint;
    private long _checkpointStep;
    private uint _checkpointLevel;
    private float[]? _snapshot;
    private Action<int, long>? _beforeEpoch;

    /// <exception cref="ArgumentException"><paramref name="tiles"/> is empty.</exception>
    protected DeviceTileGroup(IReadOnlyList<StencilTile> tiles)
        : base(FirstOf(tiles).Grid, 0, tiles.Count)
    {
        Tiles = tiles;
        Layout = tiles[0].Layout;
        Boundary = tiles[0].Boundary;
    }

    public int Halo => Layout.Halo;

    public StencilBoundary Boundary { get; }

    public override bool HasCheckpoints => _checkpoint is not null;

    /// <summary>Device tiles carry no CRC-32C in their chunks; K2K sequence numbers and the halo header checks find lost, repeated and misplaced chunks.</summary>
    public override bool VerifiesChecksums => false;

    /// <summary>All tiles' chunks and bytes so far, from the routes' sequence numbers and inbox heads (the device sends whole chunks).</summary>
    public override TileProgress Progress
    {
        get
        {
            long sent = 0, received = 0;
            foreach (K2KRoute route in Fabric.Routes)
            {
                sent += route.MessagesSent;
                received += (long)route.InboxBuffer.AsRef<RingHeader>(0).Head;
            }

            return new TileProgress(FirstTile, StepsDone, sent, received, sent * Unsafe.SizeOf<HaloChunk>());
        }
    }

    /// <summary>The floats of every tile's two padded levels, as the device holds them.</summary>
    protected int FieldsLength => TileCount * 2 * Layout.Length;

    protected IReadOnlyList<StencilTile> Tiles { get; }

    protected HaloTileLayout Layout { get; }

    /// <summary>The device level (0 or 1) that holds every tile's current cells.</summary>
    protected uint CurrentLevel { get; private set; }

    /// <summary>Floats per halo chunk (<see cref="TiledStencilOptions.ChunkElements"/>).</summary>
    protected int ChunkElements { get; private set; } = HaloChunk.Capacity;


    protected K2KFabric Fabric => _fabric ?? throw new InvalidOperationException("The tile group is not connected to its K2K fabric.");

    /// <summary>An inbox holds two strips: a sender may publish its next strip before its receiver took this one's.</summary>
    public override int InboxCapacity(IReadOnlyList<StencilTile> tiles, int chunkElements) => HaloInboxes.Capacity(tiles, chunkElements, strips: 2);

    public sealed override void Connect(K2KFabric fabric, TiledStencilOptions options, HaloDoorbells doorbells)
    {
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkElements, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ChunkElements, HaloChunk.Capacity);
        _fabric = fabric;
        ChunkElements = options.ChunkElements;
        _beforeEpoch = options.BeforeStep;
        OnConnected();
        if (options.RestartFromCheckpoints)
            SaveCheckpoint();
    }

    /// <summary>Runs to <paramref name="untilStep"/> in launches; never waits for a halo, so always true.</summary>
    /// <exception cref="HaloEpochException">A tile received a chunk that does not belong to its epoch or inbox, or found chunks missing.</exception>
    /// <exception cref="InvalidOperationException">A tile found no room for a strip in its neighbour's inbox (only a tampered ring gets here).</exception>
    public sealed override bool TryRunUntil(long untilStep)
    {
        if (untilStep > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(untilStep), untilStep, "Steps are numbered in 32 bits on the device.");
        if (untilStep <= StepsDone)
            return true;
        uint step = (uint)StepsDone;
        if (step % (uint)Halo == 0)
            BeginRun(step);
        uint remaining = (uint)(untilStep - StepsDone);
        while (remaining > 0)
        {
            uint phase = step % (uint)Halo;
            uint epoch = Math.Min((uint)Halo - phase, remaining);
            remaining -= epoch;
            _beforeEpoch?.Invoke(FirstTile, step);
            RunEpoch(step, epoch, phase, last: remaining == 0);
            step += epoch;
            StepsDone += epoch;
            CurrentLevel ^= epoch & 1;
        }

        if (_checkpoint is not null)
            SaveCheckpoint();
        return true;
    }

    /// <summary>Copies every tile's levels from the device into the tile, which writes its cells into the whole-grid field(s).</summary>
    public override void Snapshot()
    {
        _snapshot ??= new float[FieldsLength];
        ReadFields(_snapshot);
        foreach (StencilTile tile in Tiles)
        {
            float[][] state = tile.PaddedState;
            for (int i = 0; i < state.Length; i++)
                _snapshot.AsSpan(LevelOffset(tile.Index, DeviceLevel(i, state.Length)), Layout.Length).CopyTo(state[i]);
            tile.Snapshot();
        }
    }

    public override bool TryRestoreCheckpoint()
    {
        if (_checkpoint is null)
            return false;
        foreach (K2KRoute route in Fabric.Routes)
            route.DiscardUnread();
        ClearFault();
        WriteFields(_checkpoint);
        StepsDone = _checkpointStep;
        CurrentLevel = _checkpointLevel;
        return true;
    }

    /// <summary>Where tile <paramref name="tile"/>'s device level <paramref name="level"/> starts, in floats.</summary>
    protected int LevelOffset(int tile, int level) => ((tile * 2) + level) * Layout.Length;

    /// <summary>Starts a run on an epoch's first step <paramref name="firstStep"/>, before that epoch (a device whose tiles cannot wait for each other inside a launch sends the epoch's halo here).</summary>
    protected virtual void BeginRun(uint firstStep)
    {
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps of an epoch from step <paramref name="firstStep"/>, the cells
    /// in <see cref="CurrentLevel"/>: the whole epoch, or (<paramref name="phase"/> &gt; 0) the rest of
    /// one the last run stopped in, whose halo it already has; <paramref name="last"/> when no epoch
    /// follows in this run. Throws for a halo fault the device reported.
    /// </summary>
    protected abstract void RunEpoch(uint firstStep, uint steps, uint phase, bool last);

    /// <summary>The group is connected to its <see cref="Fabric"/>: writes what its device reads of it (routes, inboxes) and readies its launches.</summary>
    protected abstract void OnConnected();

    /// <summary>Copies the device fields into <paramref name="fields"/> (<see cref="FieldsLength"/> floats).</summary>
    protected abstract void ReadFields(Span<float> fields);

    /// <summary>Copies <paramref name="fields"/> (<see cref="FieldsLength"/> floats) into the device fields.</summary>
    protected abstract void WriteFields(ReadOnlySpan<float> fields);

    /// <summary>Forgets the fault the device reported, before a restored checkpoint runs again.</summary>
    protected abstract void ClearFault();

    /// <summary>
    /// Every tile's padded levels as the device takes them at the start (<see cref="FieldsLength"/>
    /// floats): halo cells across the grid's edge keep the fixed value the tiles were made with, and
    /// the device never writes them.
    /// </summary>
    protected float[] InitialFields()
    {
        float[] fields = new float[FieldsLength];
        fields.AsSpan().Fill(Boundary.Kind == BoundaryKind.Fixed ? Boundary.FixedValue : 0f);
        foreach (StencilTile tile in Tiles)
        {
            float[][] state = tile.PaddedState;
            for (int i = 0; i < state.Length; i++)
                state[i].CopyTo(fields.AsSpan(LevelOffset(tile.Index, DeviceLevel(i, state.Length)), Layout.Length));
        }

        return fields;
    }

    /// <summary>The device level of a tile's state level <paramref name="i"/> of <paramref name="count"/> (oldest first, the current last).</summary>
    private int DeviceLevel(int i, int count) => (int)((CurrentLevel + (uint)(count - 1 - i)) & 1);

    private void SaveCheckpoint()
    {
        _checkpoint ??= new float[FieldsLength];
        ReadFields(_checkpoint);
        _checkpointStep = StepsDone;
        _checkpointLevel = CurrentLevel;
    }

    private static StencilTile FirstOf(IReadOnlyList<StencilTile> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0)
            throw new ArgumentException("A tiled simulation needs its tiles.", nameof(tiles));
        return tiles[0];
    }
}
