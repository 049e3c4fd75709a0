using RingKernel.Layouts;
using RingKernel.Memory;

namespace RingKernel.Rings;

/// <summary>
/// A single-producer, single-consumer <see cref="SlotRing"/>. The producer writes a slot, then
/// publishes <see cref="RingHeader.Tail"/> with a release store; the consumer reads the tail with
/// an acquire load, processes, then publishes <see cref="RingHeader.Head"/> with a release store.
/// Each side writes only its own cursor and keeps a cached copy of the other's, re-reading it only
/// when the cached value cannot satisfy the request (too little space, or too few messages).
/// </summary>
/// <remarks>Exactly one thread at a time may produce, and one may consume.</remarks>
public sealed unsafe class SpscRing : SlotRing
{
    private PaddedCursors _producer;

    internal SpscRing(DeviceBuffer buffer, int capacity, int slotSize)
        : base(buffer, RingKind.SingleProducer, capacity, slotSize)
    {
        _producer.Position = Volatile.Read(ref _header->Tail);
        _producer.CachedOther = Volatile.Read(ref _header->Head);
    }

    /// <summary>Formats a new single-producer ring in <paramref name="buffer"/>; see <see cref="SlotRing.Create"/>.</summary>
    public static SpscRing Create(DeviceBuffer buffer, int capacity, int slotSize) =>
        (SpscRing)Create(RingKind.SingleProducer, buffer, capacity, slotSize);

    /// <summary>Opens the single-producer ring in <paramref name="buffer"/>; see <see cref="SlotRing.Attach"/>.</summary>
    public static new SpscRing Attach(DeviceBuffer buffer) =>
        SlotRing.Attach(buffer) as SpscRing
        ?? throw new ArgumentException("The buffer holds a multi-producer ring, not a single-producer one.", nameof(buffer));

    internal override byte* TryClaim(out ulong position)
    {
        ulong tail = _producer.Position;
        if (tail - _producer.CachedOther >= (ulong)Capacity)
        {
            _producer.CachedOther = Volatile.Read(ref _header->Head);
            if (tail - _producer.CachedOther >= (ulong)Capacity)
            {
                position = 0;
                return null;
            }
        }

        position = tail;
        return SlotAddress(tail);
    }

    internal override void Publish(ulong position)
    {
        _producer.Position = position + 1;
        Volatile.Write(ref _header->Tail, position + 1);
        WakeConsumerIfParked();
    }

    internal override int TryClaimBatch(int count, out ulong first)
    {
        ulong tail = _producer.Position;
        first = tail;
        ulong free = (ulong)Capacity - (tail - _producer.CachedOther);
        if (free < (ulong)count)
        {
            _producer.CachedOther = Volatile.Read(ref _header->Head);
            free = (ulong)Capacity - (tail - _producer.CachedOther);
        }

        return (int)Math.Min(free, (ulong)count);
    }

    internal override void PublishBatch(ulong first, int count)
    {
        ulong tail = first + (ulong)count;
        _producer.Position = tail;
        Volatile.Write(ref _header->Tail, tail);
        WakeConsumerIfParked();
    }

    /// <inheritdoc/>
    public override void AdoptProducerPosition()
    {
        _producer.Position = Volatile.Read(ref _header->Tail);
        _producer.CachedOther = Volatile.Read(ref _header->Head);
    }

    internal override int ReadableCount(int max)
    {
        ulong head = _consumer.Position;
        ulong available = _consumer.CachedOther - head;
        if (available < (ulong)max)
        {
            _consumer.CachedOther = Volatile.Read(ref _header->Tail);
            available = _consumer.CachedOther - head;
        }

        return (int)Math.Min(available, (ulong)max);
    }

    private protected override void Release(int count)
    {
        ulong head = _consumer.Position + (ulong)count;
        _consumer.Position = head;
        Volatile.Write(ref _header->Head, head);
        WakeProducersIfParked();
    }

    private protected override bool HasFreeSlot() =>
        Volatile.Read(ref _header->Tail) - Volatile.Read(ref _header->Head) < (ulong)Capacity;

    private protected override bool HasReadableSlot() =>
        Volatile.Read(ref _header->Tail) != _consumer.Position;
}
