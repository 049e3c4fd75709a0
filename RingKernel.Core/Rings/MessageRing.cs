using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Layouts;

namespace RingKernel.Rings;

/// <summary>
/// Typed messages over a <see cref="SlotRing"/>: each slot holds a 64-byte <see cref="MessageHeader"/>
/// followed inline by a blittable payload, copied in and out without serialization. Payload types are
/// <c>unmanaged</c> structs registered in <see cref="Types"/> under the type ids the header carries.
/// </summary>
/// <remarks>
/// <para>With <see cref="Checksummed"/> (the default) every message carries a CRC-32C
/// (<see cref="MessageChecksum"/>) that the consumer verifies, and a message without one is refused.</para>
/// <para>A message that fails validation on dequeue (bad checksum, inconsistent header, unknown type
/// id) is consumed, so that it cannot block the ring or fault every restarted consumer again, counted
/// in <see cref="RejectedCount"/>, and reported by throwing a <see cref="MessageRejectedException"/>;
/// the next call returns the next message. A consumer that throws while processing a valid message
/// (in <see cref="Drain{THandler}"/>) leaves that message in the ring.</para>
/// <para>Producer methods follow the underlying ring's rules (one producer for an <see cref="SpscRing"/>,
/// any number for an <see cref="MpscRing"/>); there is one consumer.</para>
/// </remarks>
public sealed class MessageRing
{
    private readonly SlotRing _ring;
    private readonly MessageTypeRegistry _types;
    private readonly bool _checksummed;
    private readonly int _maxPayloadSize;
    private long _rejected;

    // The consumer's last registry answer: registrations are permanent, so it stays true, and a stream
    // of one type skips the dictionary. Written only when the type changes, so it rarely dirties the
    // line the producers read the fields above from.
    private uint _lastTypeId;
    private int _lastPayloadSize;

    /// <summary>A message ring with its own, empty type registry sized to the ring's slots.</summary>
    public MessageRing(SlotRing ring, bool checksummed = true)
        : this(ring, new MessageTypeRegistry(MaxPayloadSizeOf(ring)), checksummed)
    {
    }

    /// <summary>A message ring using a registry that may be shared with other rings.</summary>
    /// <exception cref="ArgumentException">The ring's slots cannot hold a header, or the registry admits payloads larger than they can hold.</exception>
    public MessageRing(SlotRing ring, MessageTypeRegistry types, bool checksummed = true)
    {
        ArgumentNullException.ThrowIfNull(types);
        int maxPayloadSize = MaxPayloadSizeOf(ring);
        if (types.MaxPayloadSize > maxPayloadSize)
        {
            throw new ArgumentException(
                $"The registry admits payloads of up to {types.MaxPayloadSize} bytes, but this ring's {ring.SlotSize}-byte slots hold at most {maxPayloadSize}.",
                nameof(types));
        }

        _ring = ring;
        _types = types;
        _checksummed = checksummed;
        _maxPayloadSize = maxPayloadSize;
    }

    public SlotRing Ring => _ring;

    /// <summary>The payload types this ring's producers may send and its consumer accepts.</summary>
    public MessageTypeRegistry Types => _types;

    /// <summary>Whether this side writes and requires a CRC-32C on every message.</summary>
    public bool Checksummed => _checksummed;

    /// <summary>The slot size minus the 64-byte header.</summary>
    public int MaxPayloadSize => _maxPayloadSize;

    /// <summary>Messages this consumer skipped because they failed validation.</summary>
    public long RejectedCount => Volatile.Read(ref _rejected);

    /// <summary>
    /// Writes <paramref name="message"/> and <paramref name="header"/> into the next slot and publishes it;
    /// false when the ring is full. The ring sets the header's <see cref="MessageHeader.TypeId"/>,
    /// <see cref="MessageHeader.PayloadSize"/>, <see cref="MessageHeader.Checksum"/> and the
    /// <see cref="MessageFlags.Checksummed"/> flag; every other field is sent as given.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not registered.</exception>
    public unsafe bool TryEnqueue<T>(in T message, in MessageHeader header = default)
        where T : unmanaged
    {
        uint typeId = _types.GetTypeId<T>();
        byte* slot = _ring.TryClaim(out ulong position);
        if (slot == null)
            return false;

        Seal(slot, in header, typeId, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in message)));
        _ring.Publish(position);
        return true;
    }

    /// <summary>
    /// Writes as many of <paramref name="messages"/> as there is room for, in order, each with
    /// <paramref name="header"/>, claiming their slots with one claim and publishing them together; returns
    /// how many were written (0 when the ring is full).
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not registered.</exception>
    public unsafe int TryEnqueueBatch<T>(ReadOnlySpan<T> messages, in MessageHeader header = default)
        where T : unmanaged
    {
        if (messages.IsEmpty)
            return 0;
        uint typeId = _types.GetTypeId<T>();
        int claimed = _ring.TryClaimBatch(messages.Length, out ulong first);
        for (int i = 0; i < claimed; i++)
            Seal(_ring.SlotAddress(first + (ulong)i), in header, typeId, MemoryMarshal.AsBytes(messages.Slice(i, 1)));
        if (claimed > 0)
            _ring.PublishBatch(first, claimed);
        return claimed;
    }

    /// <summary>Like <see cref="TryEnqueue{T}"/>, but a full ring rejects the message with <see cref="RingFullException"/>.</summary>
    public void Enqueue<T>(in T message, in MessageHeader header = default)
        where T : unmanaged
    {
        if (!TryEnqueue(in message, in header))
            throw new RingFullException(_ring.Capacity);
    }

    /// <summary>
    /// Enqueues, waiting while the ring is full (spin, then yield, then park until the consumer frees a
    /// slot). Completes synchronously, without allocating, when a slot is free.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled before the message was enqueued (it was not).</exception>
    public ValueTask EnqueueAsync<T>(T message, MessageHeader header = default, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        return TryEnqueue(in message, in header) ? default : EnqueueWhenFreeAsync(message, header, cancellationToken);
    }

    /// <summary>
    /// Enqueues a raw payload for <paramref name="typeId"/>, which must be registered (with
    /// <see cref="MessageTypeRegistry.RegisterBytes"/> for variable lengths, or as a type of exactly this
    /// size); false when the ring is full.
    /// </summary>
    /// <exception cref="MessageTooLargeException">The payload is larger than <see cref="MaxPayloadSize"/>.</exception>
    /// <exception cref="ArgumentException">The type id is not registered, or is registered for another payload size.</exception>
    public unsafe bool TryEnqueueBytes(uint typeId, ReadOnlySpan<byte> payload, in MessageHeader header = default)
    {
        if (payload.Length > _maxPayloadSize)
            throw new MessageTooLargeException(payload.Length, _maxPayloadSize, nameof(payload));
        if (!_types.TryGetPayloadSize(typeId, out int registeredSize))
            throw new ArgumentException($"Type id {typeId} is not registered.", nameof(typeId));
        if (registeredSize != MessageTypeRegistry.VariableSize && registeredSize != payload.Length)
            throw new ArgumentException($"Type id {_types.Describe(typeId)} carries {registeredSize}-byte payloads, not {payload.Length}.", nameof(payload));

        byte* slot = _ring.TryClaim(out ulong position);
        if (slot == null)
            return false;

        Seal(slot, in header, typeId, payload);
        _ring.Publish(position);
        return true;
    }

    /// <summary>
    /// Dequeues the oldest message, which must carry a <typeparamref name="T"/>; false when the ring is
    /// empty. For rings that carry several types use <see cref="Drain{THandler}"/>.
    /// </summary>
    /// <exception cref="MessageRejectedException">The oldest message failed validation; it was skipped.</exception>
    /// <exception cref="InvalidOperationException">The oldest message carries another type; it stays in the ring.</exception>
    public unsafe bool TryDequeue<T>(out T message, out MessageHeader header)
        where T : unmanaged
    {
        uint typeId = _types.GetTypeId<T>();
        if (_ring.ReadableCount(1) == 0)
        {
            message = default;
            header = default;
            return false;
        }

        ulong position = _ring.ReadPosition;
        byte* slot = _ring.SlotAddress(position);
        MessageRejectedException? rejection = Validate(slot, position, typeId, sizeof(T));
        if (rejection is not null)
        {
            Skip(1);
            throw rejection;
        }

        ref MessageHeader found = ref *(MessageHeader*)slot;
        if (found.TypeId != typeId)
        {
            throw new InvalidOperationException(
                $"The next message has type id {_types.Describe(found.TypeId)}, not {typeof(T).Name}; it stays in the ring. Use Drain to consume several types.");
        }

        header = found;
        message = Unsafe.ReadUnaligned<T>(slot + MessageHeader.Size);
        _ring.ReleaseSlots(1);
        return true;
    }

    /// <summary>
    /// Validates and hands every message readable now (at most <paramref name="maxMessages"/>) to
    /// <paramref name="handler"/> in order, then releases them together. If the handler throws, the
    /// messages it completed are released and the one it threw on stays in the ring. The handler must
    /// not consume from this ring itself. Returns the number of messages handled.
    /// </summary>
    /// <exception cref="MessageRejectedException">A message failed validation: it and those before it are consumed.</exception>
    public unsafe int Drain<THandler>(ref THandler handler, int maxMessages = int.MaxValue)
        where THandler : IMessageHandler, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        int available = _ring.ReadableCount(maxMessages);
        ulong first = _ring.ReadPosition;
        int handled = 0;
        int consumed = 0;
        try
        {
            while (handled < available)
            {
                ulong position = first + (ulong)handled;
                byte* slot = _ring.SlotAddress(position);
                MessageRejectedException? rejection = Validate(slot, position, expectedTypeId: 0, expectedSize: 0);
                if (rejection is not null)
                {
                    consumed = handled + 1;
                    Volatile.Write(ref _rejected, _rejected + 1);
                    throw rejection;
                }

                handler.Handle(new RingMessage(slot, _types));
                handled++;
                consumed = handled;
            }
        }
        finally
        {
            if (consumed > 0)
                _ring.ReleaseSlots(consumed);
        }

        return handled;
    }

    /// <summary>
    /// Consumer side, for a kernel that processes messages one by one and commits them later: the
    /// slot of the message <paramref name="offset"/> places after the consumer's committed position,
    /// or null when it is not published yet. A message that fails validation is returned with its
    /// <paramref name="rejection"/> and counted in <see cref="RejectedCount"/>; the caller commits it
    /// like any other so that it cannot block the ring.
    /// </summary>
    public unsafe byte* PeekUncommitted(int offset, out MessageRejectedException? rejection)
    {
        rejection = null;
        if (!_ring.IsReadableAfterPeeked(offset))
            return null;

        ulong position = _ring.ReadPosition + (ulong)offset;
        byte* slot = _ring.SlotAddress(position);
        rejection = Validate(slot, position, expectedTypeId: 0, expectedSize: 0);
        if (rejection is not null)
            Volatile.Write(ref _rejected, _rejected + 1);
        return slot;
    }

    /// <summary>Commits the <paramref name="count"/> oldest messages, which the consumer has processed.</summary>
    public void Commit(int count) => _ring.ReleaseSlots(count);

    /// <summary>
    /// Producer side, for a writer that validates a run of raw payloads first (the stream ingest):
    /// claims up to <paramref name="count"/> slots at once. Fill each with <see cref="SealClaimed"/> and
    /// publish them with <see cref="PublishClaimed"/>; nothing in between may throw.
    /// </summary>
    internal int TryClaim(int count, out ulong first) => _ring.TryClaimBatch(count, out first);

    /// <summary>Writes a payload already checked against <see cref="Types"/> and <see cref="MaxPayloadSize"/> into the slot claimed at <paramref name="position"/>.</summary>
    internal unsafe void SealClaimed(ulong position, uint typeId, ReadOnlySpan<byte> payload)
    {
        Debug.Assert(payload.Length <= _maxPayloadSize, "The caller checked the payload against the slot size.");
        Seal(_ring.SlotAddress(position), default, typeId, payload);
    }

    /// <summary>Publishes the <paramref name="count"/> slots <see cref="TryClaim"/> claimed from <paramref name="first"/>.</summary>
    internal void PublishClaimed(ulong first, int count) => _ring.PublishBatch(first, count);

    /// <summary>Completes when a slot is probably free; producers re-try their enqueue.</summary>
    public ValueTask WaitForFreeSlotAsync(CancellationToken cancellationToken) =>
        _ring.WaitForFreeSlotAsync(cancellationToken);

    /// <summary>Completes when a message is readable; see <see cref="SlotRing.WaitToReadAsync"/>.</summary>
    public ValueTask WaitToReadAsync(CancellationToken cancellationToken = default) =>
        _ring.WaitToReadAsync(cancellationToken);

    /// <inheritdoc cref="SlotRing.TryArmReadable"/>
    public bool TryArmReadable(Action wake) => _ring.TryArmReadable(wake);

    /// <inheritdoc cref="SlotRing.DisarmReadable"/>
    public void DisarmReadable(Action wake) => _ring.DisarmReadable(wake);

    private static int MaxPayloadSizeOf(SlotRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (ring.SlotSize < MessageHeader.Size)
            throw new ArgumentException($"Slots of {ring.SlotSize} bytes cannot hold the {MessageHeader.Size}-byte message header.", nameof(ring));
        return ring.SlotSize - MessageHeader.Size;
    }

    /// <summary>Writes header and payload into a claimed slot, with the ring-owned header fields and, if enabled, the checksum.</summary>
    private unsafe void Seal(byte* slot, in MessageHeader header, uint typeId, ReadOnlySpan<byte> payload)
    {
        MessageFlags flags = _checksummed ? header.Flags | MessageFlags.Checksummed : header.Flags & ~MessageFlags.Checksummed;
        uint checksum = _checksummed ? MessageChecksum.Compute(in header, typeId, (uint)payload.Length, flags, payload) : 0;
        var written = (MessageHeader*)slot;
        *written = header;
        written->TypeId = typeId;
        written->PayloadSize = (uint)payload.Length;
        written->Flags = flags;
        written->Checksum = checksum;
        payload.CopyTo(new Span<byte>(slot + MessageHeader.Size, payload.Length));
    }

    /// <summary>
    /// Why the message in <paramref name="slot"/> must be refused, or null. The payload size is checked
    /// first (the checksum must not read past the slot), then the checksum, then the type.
    /// <paramref name="expectedTypeId"/> and <paramref name="expectedSize"/> let the typed path skip the registry lookup.
    /// </summary>
    private unsafe MessageRejectedException? Validate(byte* slot, ulong position, uint expectedTypeId, int expectedSize)
    {
        ref MessageHeader header = ref *(MessageHeader*)slot;
        uint payloadSize = header.PayloadSize;
        if (payloadSize > (uint)_maxPayloadSize)
        {
            return new CorruptMessageException(
                $"Message at ring position {position} claims a payload of {payloadSize} bytes; this ring's slots hold at most {_maxPayloadSize}. It was skipped.",
                position,
                header);
        }

        if ((header.Flags & MessageFlags.Checksummed) != 0)
        {
            uint actual = MessageChecksum.Compute(new ReadOnlySpan<byte>(slot, MessageHeader.Size + (int)payloadSize));
            if (actual != header.Checksum)
                return new MessageChecksumException(position, header, actual);
        }
        else if (_checksummed)
        {
            return new CorruptMessageException(
                $"Message at ring position {position} carries no checksum, but this ring requires one. It was skipped.",
                position,
                header);
        }

        int registeredSize;
        if (expectedTypeId != 0 && header.TypeId == expectedTypeId)
        {
            registeredSize = expectedSize;
        }
        else if (_lastTypeId != 0 && header.TypeId == _lastTypeId)
        {
            registeredSize = _lastPayloadSize;
        }
        else
        {
            if (!_types.TryGetPayloadSize(header.TypeId, out registeredSize))
                return new UnknownMessageTypeException(position, header);
            _lastTypeId = header.TypeId;
            _lastPayloadSize = registeredSize;
        }

        if (registeredSize != MessageTypeRegistry.VariableSize && (uint)registeredSize != payloadSize)
        {
            return new CorruptMessageException(
                $"Message at ring position {position} of type id {_types.Describe(header.TypeId)} has a {payloadSize}-byte payload; the type is {registeredSize} bytes. It was skipped.",
                position,
                header);
        }

        return null;
    }

    /// <summary>Consumes rejected messages.</summary>
    private void Skip(int count)
    {
        _ring.ReleaseSlots(count);
        Volatile.Write(ref _rejected, _rejected + count);
    }

    private async ValueTask EnqueueWhenFreeAsync<T>(T message, MessageHeader header, CancellationToken cancellationToken)
        where T : unmanaged
    {
        do
        {
            await _ring.WaitForFreeSlotAsync(cancellationToken).ConfigureAwait(false);
        }
        while (!TryEnqueue(in message, in header));
    }
}
