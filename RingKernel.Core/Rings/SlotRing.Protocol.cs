using System.Runtime.CompilerServices;

namespace RingKernel.Rings;

// Protocol primitives, one set per ring kind (SPSC cursors, MPSC per-slot sequences), and the slot
// addressing the message layer and kernels build on. Between TryClaim and Publish nothing may throw: an
// unpublished claim in a multi-producer ring would stop the consumer for good.
public abstract partial class SlotRing
{
    /// <summary>Claims the next slot for writing; null when the ring is full.</summary>
    internal abstract unsafe byte* TryClaim(out ulong position);

    /// <summary>Makes the slot claimed at <paramref name="position"/> visible to the consumer.</summary>
    internal abstract void Publish(ulong position);

    /// <summary>Claims up to <paramref name="count"/> consecutive slots; returns how many.</summary>
    internal abstract int TryClaimBatch(int count, out ulong first);

    internal abstract void PublishBatch(ulong first, int count);

    /// <summary>How many consecutive slots from the consumer's position are published, at most <paramref name="max"/>.</summary>
    internal abstract int ReadableCount(int max);

    /// <summary>
    /// Whether the slot <paramref name="offset"/> places past the consumer's position is readable, for a
    /// consumer that has already found every slot before it readable (and not released them).
    /// </summary>
    internal virtual bool IsReadableAfterPeeked(int offset) => ReadableCount(offset + 1) > offset;

    /// <summary>Returns the next <paramref name="count"/> slots to producers and advances <see cref="Layouts.RingHeader.Head"/>.</summary>
    private protected abstract void Release(int count);

    private protected abstract bool HasFreeSlot();

    private protected abstract bool HasReadableSlot();

    /// <summary>The consumer's next position (the head it has not yet committed).</summary>
    internal ulong ReadPosition => _consumer.Position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal unsafe byte* SlotAddress(ulong position) => _slots + (nint)((position & _mask) * (uint)_slotSize);

    /// <summary>Commits <paramref name="count"/> slots from the consumer's position.</summary>
    internal void ReleaseSlots(int count)
    {
        _consumer.Peeked = false;
        Release(count);
    }
}
