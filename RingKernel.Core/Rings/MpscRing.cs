using RingKernel.Layouts;
using RingKernel.Memory;

namespace RingKernel.Rings;

/// <summary>
/// A bounded multi-producer, single-consumer <see cref="SlotRing"/> with per-slot sequence numbers
/// (Dmitry Vyukov's bounded queue). Slot <c>i</c>'s sequence, stored after the header, reads
/// <c>p</c> when the slot is free for the producer of position <c>p</c>, and <c>p + 1</c> once that
/// producer has written it. A producer claims a position with one compare-and-swap on
/// <see cref="RingHeader.Tail"/>, writes the slot, then publishes the sequence with a release store;
/// the consumer reads sequences with acquire loads, and on commit stores <c>p + Capacity</c> (the slot
/// is free for the next lap) and advances <see cref="RingHeader.Head"/>. All of this state is in the
/// buffer, so a device can take either role.
/// </summary>
public sealed unsafe class MpscRing : SlotRing
{
    private readonly ulong* _sequences;

    internal MpscRing(DeviceBuffer buffer, int capacity, int slotSize)
        : base(buffer, RingKind.MultiProducer, capacity, slotSize)
    {
        _sequences = (ulong*)((byte*)_header + RingHeader.Size);
    }

    /// <summary>Formats a new multi-producer ring in <paramref name="buffer"/>; see <see cref="SlotRing.Create"/>.</summary>
    public static MpscRing Create(DeviceBuffer buffer, int capacity, int slotSize) =>
        (MpscRing)Create(RingKind.MultiProducer, buffer, capacity, slotSize);

    /// <summary>Opens the multi-producer ring in <paramref name="buffer"/>; see <see cref="SlotRing.Attach"/>.</summary>
    public static new MpscRing Attach(DeviceBuffer buffer) =>
        SlotRing.Attach(buffer) as MpscRing
        ?? throw new ArgumentException("The buffer holds a single-producer ring, not a multi-producer one.", nameof(buffer));

    internal override byte* TryClaim(out ulong position)
    {
        ulong tail = Volatile.Read(ref _header->Tail);
        while (true)
        {
            ulong sequence = Volatile.Read(ref _sequences[tail & _mask]);
            long lag = (long)(sequence - tail);
            if (lag == 0)
            {
                ulong seen = Interlocked.CompareExchange(ref _header->Tail, tail + 1, tail);
                if (seen == tail)
                {
                    position = tail;
                    return SlotAddress(tail);
                }

                tail = seen;
            }
            else if (lag < 0)
            {
                // The slot still holds the previous lap's message: full.
                position = 0;
                return null;
            }
            else
            {
                // Another producer claimed this position since we read the tail.
                tail = Volatile.Read(ref _header->Tail);
            }
        }
    }

    internal override void Publish(ulong position)
    {
        Volatile.Write(ref _sequences[position & _mask], position + 1);
        WakeConsumerIfParked();
    }

    internal override int TryClaimBatch(int count, out ulong first)
    {
        ulong tail = Volatile.Read(ref _header->Tail);
        while (true)
        {
            // The consumer stores Head after releasing the slots' sequences, so every slot below
            // Head + Capacity is free for this lap.
            ulong free = (ulong)Capacity - (tail - Volatile.Read(ref _header->Head));
            if ((long)free <= 0)
            {
                first = 0;
                return 0;
            }

            ulong claimed = Math.Min(free, (ulong)count);
            ulong seen = Interlocked.CompareExchange(ref _header->Tail, tail + claimed, tail);
            if (seen == tail)
            {
                first = tail;
                return (int)claimed;
            }

            tail = seen;
        }
    }

    internal override void PublishBatch(ulong first, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ulong position = first + (ulong)i;
            Volatile.Write(ref _sequences[position & _mask], position + 1);
        }

        WakeConsumerIfParked();
    }

    internal override int ReadableCount(int max)
    {
        ulong head = _consumer.Position;
        int limit = Math.Min(max, Capacity);
        int count = 0;
        while (count < limit)
        {
            ulong position = head + (ulong)count;
            if (Volatile.Read(ref _sequences[position & _mask]) != position + 1)
                break;
            count++;
        }

        return count;
    }

    /// <summary>One slot's sequence, not the <paramref name="offset"/> before it: a consumer peeking one message after another stays O(1) a message.</summary>
    internal override bool IsReadableAfterPeeked(int offset)
    {
        ulong position = _consumer.Position + (ulong)offset;
        return offset < Capacity && Volatile.Read(ref _sequences[position & _mask]) == position + 1;
    }

    private protected override void Release(int count)
    {
        ulong head = _consumer.Position;
        for (int i = 0; i < count; i++)
        {
            ulong position = head + (ulong)i;
            Volatile.Write(ref _sequences[position & _mask], position + (ulong)Capacity);
        }

        head += (ulong)count;
        _consumer.Position = head;
        Volatile.Write(ref _header->Head, head);
        WakeProducersIfParked();
    }

    private protected override bool HasFreeSlot() =>
        Volatile.Read(ref _header->Tail) - Volatile.Read(ref _header->Head) < (ulong)Capacity;

    private protected override bool HasReadableSlot()
    {
        ulong head = _consumer.Position;
        return Volatile.Read(ref _sequences[head & _mask]) == head + 1;
    }
}
