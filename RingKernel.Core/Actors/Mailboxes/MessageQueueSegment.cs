using System.Runtime.CompilerServices;

namespace RingKernel.Actors.Mailboxes;

/// <summary>
/// A bounded multi-producer, single-consumer ring of <see cref="Envelope"/> slots with per-slot
/// sequence numbers (Dmitry Vyukov's bounded queue, consumer side simplified to one reader).
/// A producer claims a position with one compare-and-swap on <see cref="_tail"/>, writes the slot and
/// publishes it by storing <c>position + 1</c> into the slot's sequence. The consumer frees a slot for
/// the next lap by storing <c>position + capacity</c>. When the ring is full it is frozen for good
/// (a high bit is OR-ed into the tail, so every later claim fails) and the owning
/// <see cref="MessageQueue"/> links a larger segment behind it.
/// </summary>
internal sealed class MessageQueueSegment
{
    /// <summary>OR-ed into <see cref="_tail"/> when the segment is frozen; claims fail from then on.</summary>
    private const long FrozenBit = 1L << 62;

    private readonly Envelope[] _slots;
    private readonly int _mask;

    // The consumer's position: read and written only by the single consumer.
    private long _head;

    // Producers' claim counter, padded away from the consumer's fields (false sharing).
    private PaddedLong _tail;

    /// <summary>The next segment; set only after this one is frozen.</summary>
    internal MessageQueueSegment? Next;

    public MessageQueueSegment(int capacity)
    {
        _slots = new Envelope[capacity];
        _mask = capacity - 1;
        for (int i = 0; i < capacity; i++)
            _slots[i].Sequence = i;
    }

    public int Capacity => _slots.Length;

    /// <summary>Claims, writes and publishes a slot; false when the segment is full or frozen.</summary>
    public bool TryEnqueue(object message, IActorRef? sender)
    {
        Envelope[] slots = _slots;
        while (true)
        {
            long position = Volatile.Read(ref _tail.Value);
            ref Envelope slot = ref slots[position & _mask];
            long diff = Volatile.Read(ref slot.Sequence) - position;
            if (diff == 0)
            {
                if (Interlocked.CompareExchange(ref _tail.Value, position + 1, position) == position)
                {
                    slot.Message = message;
                    slot.Sender = sender;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return true;
                }
            }
            else if (diff < 0)
            {
                // The slot still holds last lap's message (full), or the tail carries FrozenBit.
                return false;
            }
        }
    }

    /// <summary>Makes every later <see cref="TryEnqueue"/> fail; idempotent and safe from any producer.</summary>
    public void Freeze() => Interlocked.Or(ref _tail.Value, FrozenBit);

    /// <summary>
    /// Consumer only. Takes the message at the head. Returns false when no message is claimed beyond
    /// the head; waits briefly when a producer has claimed the head slot but not yet published it.
    /// </summary>
    public bool TryDequeue(out object message, out IActorRef? sender)
    {
        long head = _head;
        ref Envelope slot = ref _slots[head & _mask];
        if (Volatile.Read(ref slot.Sequence) != head + 1)
        {
            if ((Volatile.Read(ref _tail.Value) & ~FrozenBit) == head)
            {
                message = null!;
                sender = null;
                return false;
            }

            // Claimed but not yet published: the producer is between its CAS and its publishing store.
            var spinner = new SpinWait();
            while (Volatile.Read(ref slot.Sequence) != head + 1)
                spinner.SpinOnce();
        }

        message = slot.Message!;
        sender = slot.Sender;
        slot.Message = null;
        slot.Sender = null;
        Volatile.Write(ref slot.Sequence, head + _slots.Length);
        _head = head + 1;
        return true;
    }

    /// <summary>Consumer only: whether any producer has claimed a position beyond the head.</summary>
    public bool HasClaims
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Volatile.Read(ref _tail.Value) & ~FrozenBit) != _head;
    }

    /// <summary>Consumer only: frozen and fully consumed, so the consumer may move to <see cref="Next"/>.</summary>
    public bool IsDrainedAndFrozen
    {
        get
        {
            long tail = Volatile.Read(ref _tail.Value);
            return (tail & FrozenBit) != 0 && (tail & ~FrozenBit) == _head;
        }
    }

    /// <summary>Consumer only: messages claimed but not yet consumed (racy for producers still writing).</summary>
    public long Count => (Volatile.Read(ref _tail.Value) & ~FrozenBit) - _head;
}
