using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.K2K;

/// <summary>
/// One directed K2K edge: the messages a source kernel sends on one of its routes, queued in a
/// single-producer, single-consumer inbox ring (a <see cref="DeviceBuffer"/> of the fabric's memory
/// space) that the target kernel consumes on one of its inbox routes. Created and torn down by
/// <see cref="K2KFabric"/>; kernels use it through their <see cref="K2KEndpoint"/>.
/// </summary>
/// <remarks>
/// <para>The sender stamps each message with the route's <see cref="RouteEntry.NextSequence"/>, read
/// from and advanced in its device-visible routing table only once the message is published, and with
/// its kernel id. The receiver checks every message carries exactly the sequence after the previous
/// one (<see cref="K2KSequenceException"/> otherwise), reads it, and only then commits its slot.</para>
/// <para>One thread at a time may send on a route, and one may receive from it.</para>
/// </remarks>
public sealed unsafe class K2KRoute
{
    private readonly MessageRing _inbox;
    private readonly RouteEntry* _entry;

    // Written by the receiver only; padded off the fields the sender reads.
    private ReceiverState _receiver;

    // Written by the sender only; padded off the fields the receiver reads.
    private SenderState _sender;

    internal K2KRoute(uint sourceKernelId, int route, uint targetKernelId, int inboxRoute, DeviceBuffer inboxBuffer, MessageRing inbox, RouteEntry* entry)
    {
        SourceKernelId = sourceKernelId;
        Route = route;
        TargetKernelId = targetKernelId;
        InboxRoute = inboxRoute;
        InboxBuffer = inboxBuffer;
        _inbox = inbox;
        _entry = entry;
        _receiver.ExpectedSequence = FirstSequence;
    }

    /// <summary>The sequence number of the first message on a route.</summary>
    public const ulong FirstSequence = 1;

    public uint SourceKernelId { get; }

    /// <summary>The sender's route number: the index of this route's entry in the sender's routing table.</summary>
    public int Route { get; }

    public uint TargetKernelId { get; }

    /// <summary>The receiver's route number for this inbox.</summary>
    public int InboxRoute { get; }

    /// <summary>The inbox ring's memory; its <see cref="DeviceBuffer.DeviceAddress"/> is the route entry's <see cref="RouteEntry.InboxAddress"/>.</summary>
    public DeviceBuffer InboxBuffer { get; }

    public int InboxCapacity => _inbox.Ring.Capacity;

    public int InboxSlotSize => _inbox.Ring.SlotSize;

    /// <summary>Messages sent and not yet received; a snapshot.</summary>
    public int Pending => _inbox.Ring.Count;

    /// <summary>The sequence number the next message sent will carry, as the routing table holds it.</summary>
    public ulong NextSequence => Volatile.Read(ref _entry->NextSequence);

    /// <summary>Messages sent on this route so far, by a host or a device sender (as the routing table counts them).</summary>
    public long MessagesSent => (long)(NextSequence - FirstSequence);

    /// <summary>Payload bytes host-side senders (CPU kernels, host code) sent on this route so far; a device sender's are not counted.</summary>
    public long BytesSent => Volatile.Read(ref _sender.BytesSent);

    /// <summary>The sequence number the receiver expects next.</summary>
    public ulong ExpectedSequence => Volatile.Read(ref _receiver.ExpectedSequence);

    /// <summary>True while a receiver or a sender is parked waiting on the inbox.</summary>
    internal bool HasParkedWaiters
    {
        get
        {
            ref RingHeader header = ref *(RingHeader*)InboxBuffer.HostPointer;
            return Volatile.Read(ref header.ConsumerWaiting) != 0 || Volatile.Read(ref header.ProducerWaiting) != 0;
        }
    }

    public override string ToString() =>
        $"K2K route {K2KDirections.Describe(Route)} of kernel {SourceKernelId} -> inbox {K2KDirections.Describe(InboxRoute)} of kernel {TargetKernelId}";

    /// <summary>Sender: publishes <paramref name="message"/> with the next sequence number; false when the inbox is full.</summary>
    internal bool TrySend<T>(in T message)
        where T : unmanaged
    {
        ulong sequence = _entry->NextSequence;
        if (!_inbox.TryEnqueue(in message, SendHeader(sequence)))
            return false;

        Volatile.Write(ref _entry->NextSequence, sequence + 1);
        Volatile.Write(ref _sender.BytesSent, _sender.BytesSent + Unsafe.SizeOf<T>());
        return true;
    }

    /// <summary>
    /// Sender: publishes <paramref name="payload"/> as a message of <paramref name="typeId"/> (registered
    /// with <see cref="MessageTypeRegistry.RegisterBytes"/>, or of exactly this length) with the next
    /// sequence number; false when the inbox is full. Only the payload's bytes are copied.
    /// </summary>
    internal bool TrySendBytes(uint typeId, ReadOnlySpan<byte> payload)
    {
        ulong sequence = _entry->NextSequence;
        if (!_inbox.TryEnqueueBytes(typeId, payload, SendHeader(sequence)))
            return false;

        Volatile.Write(ref _entry->NextSequence, sequence + 1);
        Volatile.Write(ref _sender.BytesSent, _sender.BytesSent + payload.Length);
        return true;
    }

    /// <summary>Sender: completes when the inbox probably has a free slot (spin, yield, then park).</summary>
    internal ValueTask WaitForFreeSlotAsync(CancellationToken cancellationToken) => _inbox.WaitForFreeSlotAsync(cancellationToken);

    /// <summary>
    /// Receiver: reads the oldest message, checks its sequence number, then commits its slot; false
    /// when the inbox is empty.
    /// </summary>
    /// <exception cref="K2KSequenceException">The message does not carry the expected sequence number; it stays in the inbox.</exception>
    /// <exception cref="InvalidOperationException">The message carries another type; it stays in the inbox.</exception>
    /// <exception cref="MessageRejectedException">The message failed validation (checksum); it was skipped, and the next receive reports the gap.</exception>
    internal bool TryReceive<T>(out T message, out MessageHeader header)
        where T : unmanaged
    {
        byte* slot = PeekNext(out header);
        if (slot == null)
        {
            message = default;
            return false;
        }

        message = new RingMessage(slot, _inbox.Types).Get<T>();
        Accept();
        return true;
    }

    /// <summary>
    /// Receiver: copies the oldest message's payload into <paramref name="destination"/> (its length in
    /// <paramref name="length"/>, its type in the header), checks its sequence number, then commits
    /// its slot; false when the inbox is empty.
    /// </summary>
    /// <exception cref="K2KSequenceException">The message does not carry the expected sequence number; it stays in the inbox.</exception>
    /// <exception cref="ArgumentException">The payload is longer than <paramref name="destination"/>; it stays in the inbox.</exception>
    /// <exception cref="MessageRejectedException">The message failed validation (checksum); it was skipped, and the next receive reports the gap.</exception>
    internal bool TryReceiveBytes(Span<byte> destination, out int length, out MessageHeader header)
    {
        byte* slot = PeekNext(out header);
        if (slot == null)
        {
            length = 0;
            return false;
        }

        length = (int)header.PayloadSize;
        if (length > destination.Length)
            throw new ArgumentException($"{this}: the next message's {length}-byte payload does not fit {destination.Length} bytes.", nameof(destination));
        new ReadOnlySpan<byte>(slot + MessageHeader.Size, length).CopyTo(destination);
        Accept();
        return true;
    }

    /// <summary>Receiver: completes when a message is readable (spin, yield, then park).</summary>
    internal ValueTask WaitToReadAsync(CancellationToken cancellationToken) => _inbox.WaitToReadAsync(cancellationToken);

    private MessageHeader SendHeader(ulong sequence) => new()
    {
        MessageId = sequence,
        SourceId = SourceKernelId,
        DestinationId = TargetKernelId,
    };

    /// <summary>Receiver: the oldest message's slot after its validation and sequence check, or null when the inbox is empty.</summary>
    private byte* PeekNext(out MessageHeader header)
    {
        byte* slot = _inbox.PeekUncommitted(0, out MessageRejectedException? rejection);
        if (slot == null)
        {
            header = default;
            return null;
        }

        if (rejection is not null)
        {
            _inbox.Commit(1);
            throw rejection;
        }

        header = *(MessageHeader*)slot;
        ulong expected = _receiver.ExpectedSequence;
        if (header.MessageId != expected)
            throw new K2KSequenceException(this, expected, header.MessageId);
        return slot;
    }

    /// <summary>Receiver: the peeked message is read; expect the next and free its slot.</summary>
    private void Accept()
    {
        Volatile.Write(ref _receiver.ExpectedSequence, _receiver.ExpectedSequence + 1);
        _inbox.Commit(1);
    }

    /// <summary>Whether messages on this route carry a CRC-32C the receiver verifies.</summary>
    public bool Checksummed => _inbox.Checksummed;

    /// <summary>Wakes host threads parked on the inbox after a device sent into it or received from it (see <see cref="SlotRing.WakeWaitersAfterDeviceProgress"/>).</summary>
    public void WakeAfterDeviceProgress() => _inbox.Ring.WakeWaitersAfterDeviceProgress();

    /// <summary>
    /// Drops what the inbox holds unread and numbers the route's next message right after the inbox's
    /// tail: a group of device tiles restarting from a checkpoint starts its epochs again on empty
    /// inboxes, whatever a fault left in them.
    /// </summary>
    public void DiscardUnread()
    {
        ref RingHeader header = ref InboxBuffer.AsRef<RingHeader>(0);
        ulong tail = Volatile.Read(ref header.Tail);
        Volatile.Write(ref header.Head, tail);
        Volatile.Write(ref _entry->NextSequence, tail + FirstSequence);
    }

    /// <summary>Marks the route absent in the sender's table: the address first, so a reader never sees a half-cleared entry as present.</summary>
    internal void ClearEntry()
    {
        Volatile.Write(ref _entry->InboxAddress, 0UL);
        *_entry = default;
    }

    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct ReceiverState
    {
        [FieldOffset(64)] public ulong ExpectedSequence;
    }

    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct SenderState
    {
        [FieldOffset(64)] public long BytesSent;
    }
}
