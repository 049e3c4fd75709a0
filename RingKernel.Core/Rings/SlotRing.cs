using System.Numerics;
using System.Runtime.InteropServices;
using RingKernel.Layouts;
using RingKernel.Memory;

namespace RingKernel.Rings;

/// <summary>
/// A bounded, lock-free ring of fixed-size byte slots whose whole state lives in a
/// <see cref="DeviceBuffer"/>: a <see cref="RingHeader"/>, then (multi-producer rings only)
/// <see cref="Capacity"/> 64-bit slot sequence numbers, then <see cref="Capacity"/> slots of
/// <see cref="SlotSize"/> bytes. Cursors are free-running 64-bit counts; a slot's index is its
/// position modulo the power-of-two capacity.
/// </summary>
/// <remarks>
/// <para>The consumer releases a slot only when it commits it, after the slot has been processed: a
/// consumer that fails mid-processing leaves the slot in the ring, and the next consumer (this object,
/// or a new one from <see cref="Attach"/>) sees it again.</para>
/// <para>Backpressure is explicit: <c>TryEnqueue</c> returns false when the ring is full,
/// <see cref="Enqueue"/> throws <see cref="RingFullException"/>, <see cref="EnqueueAsync"/> waits
/// (spin, then yield, then park until the consumer frees a slot). Nothing is reordered or dropped.</para>
/// <para>There is exactly one consumer. Consumer methods (<see cref="TryPeek"/>, <see cref="Commit"/>,
/// <see cref="TryDequeue"/>, <see cref="TryDequeueBatch"/>, <see cref="Drain{THandler}"/>,
/// <see cref="WaitToReadAsync"/>) must not be called concurrently with each other.</para>
/// <para>The ring does not own its buffer; dispose the buffer only after the last use of the ring.</para>
/// </remarks>
public abstract partial class SlotRing
{

    /// <summary>Smallest capacity: with one slot a multi-producer ring could not tell "written" from "released".</summary>
    public const int MinCapacity = 2;

    public const int MaxCapacity = 1 << 30;

    /// <summary>Slot sizes are multiples of 8 so every slot, header and sequence stays 8-byte aligned.</summary>
    public const int SlotAlignment = 8;

    // Iterations of SpinWait.SpinOnce before parking: about ten short spins, then yields.
    private const int WaitSpinIterations = 20;

    private readonly RingWakeSignal _freeSlot;
    private readonly RingWakeSignal _readableSlot;

    private protected readonly unsafe RingHeader* _header;
    private protected readonly unsafe byte* _slots;
    private protected readonly ulong _mask;
    private protected readonly int _slotSize;

    /// <summary>The consumer's private state; the derived ring keeps the producer's.</summary>
    private protected PaddedCursors _consumer;

    private protected unsafe SlotRing(DeviceBuffer buffer, RingKind kind, int capacity, int slotSize)
    {
        Buffer = buffer;
        Kind = kind;
        Capacity = capacity;
        _slotSize = slotSize;
        _mask = (ulong)capacity - 1;
        _header = (RingHeader*)buffer.HostPointer;
        _slots = (byte*)_header + SlotsOffset(kind, capacity);
        RingSignals signals = RingSignals.For(buffer);
        _freeSlot = signals.FreeSlot;
        _readableSlot = signals.ReadableSlot;
        _consumer.Position = Volatile.Read(ref _header->Head);
        _consumer.CachedOther = Volatile.Read(ref _header->Tail);
    }

    /// <summary>The memory the ring lives in (host-accessible, starting at offset 0).</summary>
    public DeviceBuffer Buffer { get; }

    public RingKind Kind { get; }

    /// <summary>Number of slots (a power of two).</summary>
    public int Capacity { get; }

    /// <summary>Bytes per slot (a multiple of 8).</summary>
    public int SlotSize => _slotSize;

    /// <summary>Slots claimed by producers and not yet committed by the consumer; a snapshot.</summary>
    public unsafe int Count
    {
        get
        {
            ulong head = Volatile.Read(ref _header->Head);
            ulong tail = Volatile.Read(ref _header->Tail);
            return (int)Math.Min(tail - head, (ulong)Capacity);
        }
    }

    /// <summary>
    /// Whether a message is published at the consumer's position. A consumer polls this rather than
    /// <see cref="Count"/>: it reads only what producers publish (in a multi-producer ring, the slot's
    /// sequence), not the claim cursor that every producer's claim updates. The driver of a device
    /// consumer asks it, after <see cref="AdoptConsumerPosition"/>, to decide whether to dispatch.
    /// </summary>
    public bool IsReadable => HasReadableSlot();

    /// <summary>Bytes a ring of this geometry needs: header, sequence numbers (multi-producer) and slots.</summary>
    public static long RequiredBytes(RingKind kind, int capacity, int slotSize)
    {
        ValidateGeometry(kind, capacity, slotSize);
        return SlotsOffset(kind, capacity) + (long)capacity * slotSize;
    }

    /// <summary>
    /// Formats a new, empty ring at the start of <paramref name="buffer"/> (overwriting whatever it held)
    /// and returns an <see cref="SpscRing"/> or <see cref="MpscRing"/> over it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Capacity is not a power of two in [2, 2^30], or the slot size is not a positive multiple of 8.</exception>
    /// <exception cref="ArgumentException">The buffer is too small or not host-accessible.</exception>
    public static unsafe SlotRing Create(RingKind kind, DeviceBuffer buffer, int capacity, int slotSize)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        long required = RequiredBytes(kind, capacity, slotSize);
        CheckBuffer(buffer, required);

        var header = (RingHeader*)buffer.HostPointer;
        *header = default;
        header->Capacity = (uint)capacity;
        header->SlotSize = (uint)slotSize;
        header->Kind = kind;
        if (kind == RingKind.MultiProducer)
        {
            // Vyukov: slot i is free for the producer of position i.
            var sequences = (ulong*)((byte*)header + RingHeader.Size);
            for (int i = 0; i < capacity; i++)
                sequences[i] = (ulong)i;
        }

        NativeMemory.Clear((byte*)header + SlotsOffset(kind, capacity), (nuint)((long)capacity * slotSize));
        // The magic last: whoever sees it (a device attaching, say) sees the complete geometry.
        Volatile.Write(ref header->Magic, RingHeader.FormattedMagic);
        return Open(buffer, kind, capacity, slotSize);
    }

    /// <summary>
    /// Opens the ring that <see cref="Create"/> formatted in <paramref name="buffer"/>, continuing from its
    /// current cursors: committed slots stay consumed, everything else is still there.
    /// </summary>
    /// <exception cref="ArgumentException">The buffer holds no valid ring.</exception>
    public static unsafe SlotRing Attach(DeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckBuffer(buffer, RingHeader.Size);
        var header = (RingHeader*)buffer.HostPointer;
        uint magic = Volatile.Read(ref header->Magic);
        if (magic != RingHeader.FormattedMagic)
            throw new ArgumentException($"The buffer holds no ring: magic is 0x{magic:X8}, expected 0x{RingHeader.FormattedMagic:X8}.", nameof(buffer));

        RingKind kind = header->Kind;
        if (kind is not (RingKind.SingleProducer or RingKind.MultiProducer))
            throw new ArgumentException($"The ring header names an unknown ring kind {(uint)kind}.", nameof(buffer));
        if (header->Capacity > MaxCapacity || header->SlotSize > int.MaxValue)
            throw new ArgumentException($"The ring header's geometry ({header->Capacity} slots of {header->SlotSize} bytes) is out of range.", nameof(buffer));

        int capacity = (int)header->Capacity;
        int slotSize = (int)header->SlotSize;
        long required;
        try
        {
            required = RequiredBytes(kind, capacity, slotSize);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"The ring header's geometry is invalid: {e.Message}", nameof(buffer), e);
        }

        CheckBuffer(buffer, required);
        return Open(buffer, kind, capacity, slotSize);
    }

    /// <summary>
    /// Copies <paramref name="item"/> into the next slot and publishes it; false when the ring is full.
    /// An item shorter than <see cref="SlotSize"/> has the rest of its slot zeroed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The item is longer than a slot.</exception>
    public unsafe bool TryEnqueue(ReadOnlySpan<byte> item)
    {
        if ((uint)item.Length > (uint)_slotSize)
            throw new ArgumentOutOfRangeException(nameof(item), item.Length, $"An item of {item.Length} bytes does not fit a slot of {_slotSize} bytes.");
        byte* slot = TryClaim(out ulong position);
        if (slot == null)
            return false;

        WriteSlot(_slotSize, slot, item);
        Publish(position);
        return true;
    }

    /// <summary>Like <see cref="TryEnqueue"/>, but a full ring rejects the item with <see cref="RingFullException"/>.</summary>
    public void Enqueue(ReadOnlySpan<byte> item)
    {
        if (!TryEnqueue(item))
            throw new RingFullException(Capacity);
    }

    /// <summary>
    /// Enqueues <paramref name="item"/>, waiting while the ring is full: it spins briefly, then yields,
    /// then parks until the consumer frees a slot. Completes synchronously, without allocating, when a
    /// slot is free. A producer that awaits each call keeps its order.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the item was enqueued (it was not).</exception>
    public ValueTask EnqueueAsync(ReadOnlyMemory<byte> item, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        return TryEnqueue(item.Span) ? default : EnqueueWhenFreeAsync(item, cancellationToken);
    }

    /// <summary>
    /// Enqueues as many whole slots from <paramref name="items"/> (a multiple of <see cref="SlotSize"/>
    /// bytes) as there is room for, in order, and publishes them at once; returns how many.
    /// </summary>
    public unsafe int TryEnqueueBatch(ReadOnlySpan<byte> items)
    {
        int requested = WholeSlots(items.Length, nameof(items));
        int claimed = TryClaimBatch(requested, out ulong first);
        if (claimed == 0)
            return 0;

        CopyIntoRing(first, items[..(claimed * _slotSize)]);
        PublishBatch(first, claimed);
        return claimed;
    }

    /// <summary>
    /// The oldest unconsumed slot, left in the ring until <see cref="Commit"/>; false when the ring is
    /// empty. Peeking again before committing returns the same slot.
    /// </summary>
    public unsafe bool TryPeek(out ReadOnlySpan<byte> slot)
    {
        if (ReadableCount(1) == 0)
        {
            slot = default;
            return false;
        }

        slot = new ReadOnlySpan<byte>(SlotAddress(_consumer.Position), _slotSize);
        _consumer.Peeked = true;
        return true;
    }

    /// <summary>Releases the slot returned by <see cref="TryPeek"/>: call it once the slot is processed.</summary>
    /// <exception cref="InvalidOperationException">No peeked slot awaits a commit.</exception>
    public void Commit()
    {
        if (!_consumer.Peeked)
            throw new InvalidOperationException("Commit releases the slot returned by TryPeek, and no peeked slot awaits a commit.");
        ReleaseSlots(1);
    }

    /// <summary>Copies the oldest slot into <paramref name="destination"/> (at least <see cref="SlotSize"/> bytes) and releases it; false when empty.</summary>
    public unsafe bool TryDequeue(Span<byte> destination)
    {
        if (destination.Length < _slotSize)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; a slot is {_slotSize}.", nameof(destination));
        if (ReadableCount(1) == 0)
            return false;

        new ReadOnlySpan<byte>(SlotAddress(_consumer.Position), _slotSize).CopyTo(destination);
        ReleaseSlots(1);
        return true;
    }

    /// <summary>
    /// Copies up to <c>destination.Length / SlotSize</c> of the oldest slots into
    /// <paramref name="destination"/>, releases them at once, and returns how many.
    /// </summary>
    public int TryDequeueBatch(Span<byte> destination)
    {
        int wanted = destination.Length / _slotSize;
        if (wanted == 0)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, less than one slot of {_slotSize}.", nameof(destination));
        int count = ReadableCount(wanted);
        if (count == 0)
            return 0;

        CopyFromRing(_consumer.Position, destination[..(count * _slotSize)]);
        ReleaseSlots(count);
        return count;
    }

    /// <summary>
    /// Hands every slot readable now (at most <paramref name="maxSlots"/>) to <paramref name="handler"/>
    /// in order, and releases the handled slots together at the end. If the handler throws, the slots
    /// it completed are released and the one it threw on stays in the ring. The handler must not
    /// consume from this ring itself. Returns the number of slots handled.
    /// </summary>
    public unsafe int Drain<THandler>(ref THandler handler, int maxSlots = int.MaxValue)
        where THandler : ISlotHandler, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSlots);
        int available = ReadableCount(maxSlots);
        ulong first = _consumer.Position;
        int handled = 0;
        try
        {
            while (handled < available)
            {
                handler.Handle(new ReadOnlySpan<byte>(SlotAddress(first + (ulong)handled), _slotSize));
                handled++;
            }
        }
        finally
        {
            if (handled > 0)
                ReleaseSlots(handled);
        }

        return handled;
    }

    /// <summary>
    /// Completes when a slot is readable: at once (without allocating) if one is, otherwise after
    /// spinning briefly, yielding, then parking until a producer publishes.
    /// </summary>
    public ValueTask WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        return HasReadableSlot() ? default : WaitAsync(forFreeSlot: false, cancellationToken);
    }

    private static long SlotsOffset(RingKind kind, int capacity) =>
        RingHeader.Size + (kind == RingKind.MultiProducer ? (long)capacity * sizeof(ulong) : 0);

    private static void ValidateGeometry(RingKind kind, int capacity, int slotSize)
    {
        if (kind is not (RingKind.SingleProducer or RingKind.MultiProducer))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ring kind.");
        if (capacity < MinCapacity || capacity > MaxCapacity || !BitOperations.IsPow2(capacity))
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"Ring capacity must be a power of two from {MinCapacity} to {MaxCapacity}.");
        if (slotSize < SlotAlignment || slotSize % SlotAlignment != 0)
            throw new ArgumentOutOfRangeException(nameof(slotSize), slotSize, $"Slot size must be a positive multiple of {SlotAlignment} bytes.");
    }

    private static void CheckBuffer(DeviceBuffer buffer, long required)
    {
        if (!buffer.IsHostAccessible)
            throw new ArgumentException($"Host rings need host-accessible memory; a {buffer.Kind} buffer is not.", nameof(buffer));
        if (buffer.Length < required)
            throw new ArgumentException($"The buffer of {buffer.Length} bytes is too small: the ring needs {required}.", nameof(buffer));
    }

    private static SlotRing Open(DeviceBuffer buffer, RingKind kind, int capacity, int slotSize) =>
        kind == RingKind.SingleProducer
            ? new SpscRing(buffer, capacity, slotSize)
            : new MpscRing(buffer, capacity, slotSize);

    private int WholeSlots(int length, string parameterName)
    {
        if (length % _slotSize != 0)
            throw new ArgumentException($"{length} bytes is not a whole number of {_slotSize}-byte slots.", parameterName);
        return length / _slotSize;
    }

    private static unsafe void WriteSlot(int slotSize, byte* slot, ReadOnlySpan<byte> item)
    {
        var destination = new Span<byte>(slot, slotSize);
        item.CopyTo(destination);
        if (item.Length < slotSize)
            destination[item.Length..].Clear();
    }

    /// <summary>Copies whole slots into the ring from <paramref name="first"/>, in at most two runs (the ring may wrap).</summary>
    private unsafe void CopyIntoRing(ulong first, ReadOnlySpan<byte> source)
    {
        int index = (int)(first & _mask);
        int firstRun = Math.Min(source.Length, (Capacity - index) * _slotSize);
        source[..firstRun].CopyTo(new Span<byte>(_slots + (nint)index * _slotSize, firstRun));
        if (firstRun < source.Length)
            source[firstRun..].CopyTo(new Span<byte>(_slots, source.Length - firstRun));
    }

    private unsafe void CopyFromRing(ulong first, Span<byte> destination)
    {
        int index = (int)(first & _mask);
        int firstRun = Math.Min(destination.Length, (Capacity - index) * _slotSize);
        new ReadOnlySpan<byte>(_slots + (nint)index * _slotSize, firstRun).CopyTo(destination);
        if (firstRun < destination.Length)
            new ReadOnlySpan<byte>(_slots, destination.Length - firstRun).CopyTo(destination[firstRun..]);
    }

}
