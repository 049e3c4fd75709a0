using System.Runtime.InteropServices;

namespace RingKernel.Rings;

/// <summary>
/// One side's private view of a ring: its own cursor and its cached copy of the other side's cursor
/// (Disruptor style, so the hot path rarely reads the other side's cache line). 64 bytes of padding
/// on both sides keep it off the cache lines of the other side's state and of the shared read-only
/// fields, wherever the runtime places it inside the ring object.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct PaddedCursors
{
    /// <summary>This side's next position: the producer's tail or the consumer's head.</summary>
    [FieldOffset(64)] public ulong Position;

    /// <summary>The other side's cursor as last read; only ever behind the real value.</summary>
    [FieldOffset(72)] public ulong CachedOther;

    /// <summary>Consumer only: true while a slot returned by <see cref="SlotRing.TryPeek"/> awaits its commit.</summary>
    [FieldOffset(80)] public bool Peeked;
}
