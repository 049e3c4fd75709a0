using RingKernel.Memory;

namespace RingKernel.Commands;

/// <summary>
/// Two equal buffers that tiles alternate between, so a copy queue fills tile N+1 while a compute
/// queue works on tile N. Two timeline signals hand the slots over: <see cref="Filled"/> reaches
/// N+1 when tile N has landed, <see cref="Consumed"/> reaches N+1 when compute on tile N is done,
/// and the fill of tile N+2 waits for that before overwriting the slot. Tiles are filled and
/// consumed in order 0, 1, 2, ….
/// </summary>
public sealed class DoubleBuffer : IDisposable
{
    private readonly DeviceBuffer[] _slots;

    public DoubleBuffer(IMemorySpace space, long slotBytes, string name = "double-buffer")
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotBytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _slots = [space.Allocate(slotBytes), space.Allocate(slotBytes)];
        SlotBytes = slotBytes;
        Filled = new TimelineSignal($"{name}.filled");
        Consumed = new TimelineSignal($"{name}.consumed");
    }

    public long SlotBytes { get; }

    /// <summary>Tiles whose data has landed: tile N is readable once it reaches N+1.</summary>
    public TimelineSignal Filled { get; }

    /// <summary>Tiles whose compute is done: tile N's slot is free again once it reaches N+1.</summary>
    public TimelineSignal Consumed { get; }

    /// <summary>The slot tile <paramref name="tile"/> lives in.</summary>
    public DeviceBuffer SlotFor(long tile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tile);
        return _slots[tile & 1];
    }

    /// <summary>
    /// Records, on a copy (or compute) list, the fill of <paramref name="tile"/> from
    /// <paramref name="source"/>: wait until tile N-2 has been consumed, copy a slot's worth, signal filled.
    /// </summary>
    public CommandList RecordFill(CommandList commands, long tile, DeviceBuffer source, long sourceOffset)
    {
        ArgumentNullException.ThrowIfNull(commands);
        DeviceBuffer slot = SlotFor(tile);
        if (tile >= 2)
            commands.Wait(Consumed, (ulong)tile - 1);
        return commands.Copy(source, sourceOffset, slot, 0, SlotBytes).Signal(Filled, (ulong)tile + 1);
    }

    /// <summary>Records the wait for <paramref name="tile"/> to have landed; the commands after it may read its slot.</summary>
    public CommandList RecordAcquire(CommandList commands, long tile)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentOutOfRangeException.ThrowIfNegative(tile);
        return commands.Wait(Filled, (ulong)tile + 1);
    }

    /// <summary>Records that compute on <paramref name="tile"/> is done, freeing its slot for tile N+2.</summary>
    public CommandList RecordRelease(CommandList commands, long tile)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentOutOfRangeException.ThrowIfNegative(tile);
        return commands.MemoryBarrier().Signal(Consumed, (ulong)tile + 1);
    }

    public void Dispose()
    {
        Filled.Dispose();
        Consumed.Dispose();
        _slots[0].Dispose();
        _slots[1].Dispose();
    }
}
