using RingKernel.K2K;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// The tiles one kernel actor of a <see cref="TiledStencilEngine"/> runs, and the state of its tile
/// kernel: a single <see cref="StencilTile"/> on the CPU (a coroutine per tile), or every tile of the
/// grid on a device whose tile kernel runs each tile as a workgroup. The backend decides
/// (<see cref="ITiledStencilBackend.GroupTiles"/>); the engine commands, supervises and checkpoints groups
/// alike.
/// </summary>
public abstract class TileGroup : IDisposable
{
    protected TileGroup(TileGrid grid, int firstTile, int tileCount)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Grid = grid;
        FirstTile = firstTile;
        TileCount = tileCount;
    }

    public TileGrid Grid { get; }

    /// <summary>The number of the group's first tile; its tiles are numbered on from it.</summary>
    public int FirstTile { get; }

    public int TileCount { get; }

    /// <summary>Steps every tile of the group has done since the start.</summary>
    public long StepsDone { get; protected set; }

    /// <summary>Whether the group keeps a checkpoint to restart from (<see cref="TiledStencilOptions.RestartFromCheckpoints"/>).</summary>
    public abstract bool HasCheckpoints { get; }

    /// <summary>The group's progress as its kernel reports it: its first tile's number, and the chunks and bytes of all its tiles.</summary>
    public abstract TileProgress Progress { get; }

    /// <summary>Whether the group's tile kernel verifies the CRC-32C of the halo chunks it receives; the fabric carries none when it does not (<see cref="TiledStencilOptions.Checksummed"/>).</summary>
    public virtual bool VerifiesChecksums => true;

    /// <summary>
    /// The chunks each K2K inbox of <paramref name="tiles"/> needs: a kernel that waits, still
    /// receiving, for room in a full inbox takes the fewest that hold its longest strip, at most
    /// <see cref="TiledStencilOptions.MaxDefaultInboxCapacity"/> (this default).
    /// </summary>
    public virtual int InboxCapacity(IReadOnlyList<StencilTile> tiles, int chunkElements) =>
        Math.Min(HaloInboxes.Capacity(tiles, chunkElements, strips: 1), TiledStencilOptions.MaxDefaultInboxCapacity);

    /// <summary>Connects the group's tiles to their endpoints of <paramref name="fabric"/> (tile i is kernel i) and the tiles' doorbells; the engine calls it before the group's kernel starts.</summary>
    public abstract void Connect(K2KFabric fabric, TiledStencilOptions options, HaloDoorbells doorbells);

    /// <summary>Makes <paramref name="kernel"/> the one the group's doorbells resume; a tile kernel calls it before <see cref="TryRunUntil"/>.</summary>
    public virtual void ConnectDoorbell(IResumableKernel kernel)
    {
    }

    /// <summary>
    /// Advances every tile of the group towards <see cref="StepsDone"/> = <paramref name="untilStep"/>
    /// as far as the halos allow: true when it got there, false when it waits for a neighbour's halo
    /// (call again when a doorbell rings).
    /// </summary>
    public abstract bool TryRunUntil(long untilStep);

    /// <summary>
    /// Carries out <paramref name="command"/> (the body of every backend's tile kernel): true when it
    /// is done and <see cref="Progress"/> is the reply, false when a run waits for a neighbour's halo
    /// (call again when a doorbell rings).
    /// </summary>
    public bool TryCarryOut(TileCommand command)
    {
        switch (command.Kind)
        {
            case TileCommandKind.RunSteps:
                return TryRunUntil(command.UntilStep);
            case TileCommandKind.Snapshot:
                Snapshot();
                return true;
            default:
                throw new InvalidOperationException($"The group of tile {FirstTile} got an unknown command {command.Kind}.");
        }
    }

    /// <summary>Writes the group's cells into the whole-grid field(s) its tiles were made with.</summary>
    public abstract void Snapshot();

    /// <summary>Puts the group back to its last checkpoint; false, changing nothing, when it cannot be restored.</summary>
    public abstract bool TryRestoreCheckpoint();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees what the group holds on its device; nothing for a tile on the CPU.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
