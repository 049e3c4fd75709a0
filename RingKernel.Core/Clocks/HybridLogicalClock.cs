namespace RingKernel.Clocks;

/// <summary>
/// A thread-safe hybrid logical clock. Its whole state is one packed 64-bit word, so each tick is a
/// single compare-and-swap: two threads can never read the same timestamp, and readings stay strictly
/// increasing even when the wall clock steps backwards (the logical half then counts on).
/// </summary>
public sealed class HybridLogicalClock
{
    private readonly TimeProvider _time;
    private ulong _state;

    public HybridLogicalClock(uint nodeId, TimeProvider? timeProvider = null)
    {
        NodeId = nodeId;
        _time = timeProvider ?? TimeProvider.System;
    }

    public uint NodeId { get; }

    /// <summary>The last timestamp issued, without ticking.</summary>
    public HlcTimestamp Current => new(Volatile.Read(ref _state), NodeId);

    /// <summary>A timestamp greater than every one this clock issued before, and not behind the wall clock.</summary>
    public HlcTimestamp Now() => Advance(0);

    /// <summary>
    /// Merges a timestamp received from another node: the result is greater than both the remote
    /// timestamp and everything this clock issued before.
    /// </summary>
    public HlcTimestamp Update(HlcTimestamp remote) => Advance(remote.Packed);

    private HlcTimestamp Advance(ulong floor)
    {
        while (true)
        {
            ulong current = Volatile.Read(ref _state);
            ulong physical = WallPacked();
            // max(current + 1, floor + 1, wall): the logical half carries into the physical half on
            // overflow, which keeps the order total; such a clock merely runs a microsecond early.
            ulong next = Math.Max(Math.Max(current, floor) + 1, physical);
            if (Interlocked.CompareExchange(ref _state, next, current) == current)
                return new HlcTimestamp(next, NodeId);
        }
    }

    private ulong WallPacked() => HlcTimestamp.ToPhysicalMicros(_time.GetUtcNow()) << HlcTimestamp.LogicalBits;
}
