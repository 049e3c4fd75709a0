namespace RingKernel.Rings;

// What a ring counts as it works, read by telemetry at collection time: the free-running cursors count
// the slots each side has moved, and producers count their waits for a free slot (off the fast path:
// a producer waits only when the ring is full).
public abstract partial class SlotRing
{
    private long _backpressureWaits;

    /// <summary>Slots producers have claimed since the ring was formatted: published, or (multi-producer) being written.</summary>
    public unsafe long EnqueuedCount => (long)Volatile.Read(ref _header->Tail);

    /// <summary>Slots the consumer has committed since the ring was formatted.</summary>
    public unsafe long DequeuedCount => (long)Volatile.Read(ref _header->Head);

    /// <summary>Times a host producer found this ring object full and waited for a slot.</summary>
    public long BackpressureWaitCount => Interlocked.Read(ref _backpressureWaits);
}
