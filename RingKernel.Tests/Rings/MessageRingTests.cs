using System.Runtime.InteropServices;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using static RingKernel.Tests.Rings.TestRings;

namespace RingKernel.Tests.Rings;

/// <summary>Typed messages: header handling, registry rules, validation on dequeue, backpressure.</summary>
public sealed class MessageRingTests
{
    private const uint PingId = 1;
    private const uint QuoteId = 2;
    private const uint BytesId = 3;
    private const int SlotSize = MessageHeader.Size + 32;

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void A_typed_message_round_trips_with_its_header(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, SlotSize);
        MessageRing ring = NewRing(kind, buffer, 8);
        var sent = new MessageHeader
        {
            MessageId = 41,
            CorrelationId = 42,
            Timestamp = 43,
            Deadline = 44,
            SourceId = 45,
            DestinationId = 46,
            Flags = MessageFlags.Reply,
            TimestampNode = 47,
            TypeId = 999,         // the ring sets these three
            PayloadSize = 999,
            Checksum = 999,
        };
        var quote = new Quote(7, 101.25, 300);

        Assert.True(ring.TryEnqueue(quote, sent));
        Assert.True(ring.TryDequeue(out Quote received, out MessageHeader header));

        Assert.Equal(quote, received);
        Assert.Equal((41UL, 42UL, 43UL, 44UL, 45u, 46u, 47u), (header.MessageId, header.CorrelationId, header.Timestamp, header.Deadline, header.SourceId, header.DestinationId, header.TimestampNode));
        Assert.Equal(MessageFlags.Reply | MessageFlags.Checksummed, header.Flags);
        Assert.Equal(QuoteId, header.TypeId);
        Assert.Equal((uint)Marshal.SizeOf<Quote>(), header.PayloadSize);
        byte[] copy = new byte[MessageHeader.Size + Marshal.SizeOf<Quote>()];
        MemoryMarshal.Write(copy, in header);
        MemoryMarshal.Write(copy.AsSpan(MessageHeader.Size), in quote);
        Assert.Equal(MessageChecksum.Compute(copy), header.Checksum);
        Assert.False(ring.TryDequeue(out received, out _));
    }

    [Fact]
    public void Without_checksums_the_flag_is_cleared_and_the_field_zero()
    {
        using DeviceBuffer buffer = Allocate(RingKind.SingleProducer, 4, SlotSize);
        var ring = new MessageRing(SlotRing.Create(RingKind.SingleProducer, buffer, 4, SlotSize), checksummed: false);
        ring.Types.Register<Ping>(PingId);
        ring.Enqueue(new Ping(5), new MessageHeader { Flags = MessageFlags.Checksummed | MessageFlags.Error, Checksum = 12345 });

        Assert.True(ring.TryDequeue(out Ping ping, out MessageHeader header));
        Assert.Equal(5UL, ping.Sequence);
        Assert.Equal(MessageFlags.Error, header.Flags);
        Assert.Equal(0u, header.Checksum);
    }

    [Fact]
    public void The_registry_refuses_types_that_do_not_fit_and_conflicting_ids()
    {
        var types = new MessageTypeRegistry(maxPayloadSize: 16);
        var tooBig = Assert.Throws<ArgumentException>(() => types.Register<Quote>(9));
        Assert.Contains("Quote is 24 bytes", tooBig.Message, StringComparison.Ordinal);
        Assert.Contains("at most 16", tooBig.Message, StringComparison.Ordinal);
        Assert.False(types.TryGetTypeId<Quote>(out _));

        Assert.Throws<ArgumentOutOfRangeException>(() => types.Register<Ping>(0));
        types.Register<Ping>(PingId).Register<Ping>(PingId);   // the same pair again is fine
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => types.Register<Small>(PingId)).Message, StringComparison.Ordinal);
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => types.Register<Ping>(5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => types.RegisterBytes(PingId));

        Assert.True(types.TryGetTypeId<Ping>(out uint id));
        Assert.Equal(PingId, id);
        Assert.True(types.TryGetPayloadSize(PingId, out int size));
        Assert.Equal(8, size);
        types.RegisterBytes(BytesId);
        Assert.True(types.TryGetPayloadSize(BytesId, out size));
        Assert.Equal(MessageTypeRegistry.VariableSize, size);
        Assert.False(types.TryGetPayloadSize(77, out _));
    }

    [Fact]
    public void A_ring_refuses_a_registry_admitting_payloads_larger_than_its_slots_and_slots_smaller_than_a_header()
    {
        using DeviceBuffer buffer = Allocate(RingKind.SingleProducer, 4, SlotSize);
        SlotRing slots = SlotRing.Create(RingKind.SingleProducer, buffer, 4, SlotSize);
        Assert.Contains("at most 32", Assert.Throws<ArgumentException>(() => new MessageRing(slots, new MessageTypeRegistry(33))).Message, StringComparison.Ordinal);
        Assert.Equal(32, new MessageRing(slots, new MessageTypeRegistry(32)).MaxPayloadSize);

        var ownRegistry = new MessageRing(slots);
        Assert.Throws<ArgumentException>(() => ownRegistry.Types.Register<Big>(9));

        using DeviceBuffer narrow = Allocate(RingKind.SingleProducer, 4, 56);
        Assert.Throws<ArgumentException>(() => new MessageRing(SlotRing.Create(RingKind.SingleProducer, narrow, 4, 56)));
    }

    [Fact]
    public void Enqueueing_an_unregistered_type_or_an_oversized_payload_throws_and_enqueues_nothing()
    {
        using DeviceBuffer buffer = Allocate(RingKind.MultiProducer, 4, SlotSize);
        MessageRing ring = NewRing(RingKind.MultiProducer, buffer, 4);

        Assert.Contains("Small is not a registered", Assert.Throws<InvalidOperationException>(() => ring.TryEnqueue(new Small(1))).Message, StringComparison.Ordinal);
        var tooLarge = Assert.Throws<MessageTooLargeException>(() => ring.TryEnqueueBytes(BytesId, new byte[33]));
        Assert.Equal((33, 32), (tooLarge.PayloadSize, tooLarge.MaxPayloadSize));
        Assert.Contains("33 bytes is larger than this ring's maximum of 32", tooLarge.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ring.TryEnqueueBytes(77, new byte[4]));
        Assert.Throws<ArgumentException>(() => ring.TryEnqueueBytes(PingId, new byte[4]));   // a Ping is 8 bytes
        Assert.Equal(0, ring.Ring.Count);

        Assert.True(ring.TryEnqueueBytes(BytesId, new byte[32]));
        Assert.True(ring.TryEnqueueBytes(PingId, BitConverter.GetBytes(9UL)));
        var handler = new Recorder();
        Assert.Equal(2, ring.Drain(ref handler));
        Assert.Equal(["bytes:32", "ping:9"], handler.Seen);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void A_message_of_a_type_the_consumer_does_not_know_is_rejected_and_the_ring_flows_on(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, SlotSize);
        MessageRing producer = NewRing(kind, buffer, 8);
        var consumer = new MessageRing(SlotRing.Attach(buffer));
        consumer.Types.Register<Ping>(PingId);   // knows Ping, not Quote

        producer.Enqueue(new Ping(1));
        producer.Enqueue(new Quote(2, 3, 4), new MessageHeader { MessageId = 77 });
        producer.Enqueue(new Ping(3));

        Assert.True(consumer.TryDequeue(out Ping ping, out _));
        Assert.Equal(1UL, ping.Sequence);
        var error = Assert.Throws<UnknownMessageTypeException>(() => consumer.TryDequeue(out ping, out _));
        Assert.Equal(QuoteId, error.TypeId);
        Assert.Equal(77UL, error.Header.MessageId);
        Assert.Equal(1UL, error.Position);
        Assert.Contains("type id 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("not registered", error.Message, StringComparison.Ordinal);

        Assert.Equal(1, consumer.RejectedCount);
        Assert.True(consumer.TryDequeue(out ping, out _));
        Assert.Equal(3UL, ping.Sequence);
        Assert.Equal(0, consumer.Ring.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void A_flipped_payload_or_header_bit_fails_the_checksum_and_only_that_message_is_skipped(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, SlotSize);
        MessageRing ring = NewRing(kind, buffer, 8);
        for (ulong i = 0; i < 4; i++)
            ring.Enqueue(new Ping(i));

        // Corrupt the memory directly: a payload bit of message 1, a header bit (SourceId) of message 2.
        SlotBytes(buffer, kind, 1)[MessageHeader.Size] ^= 0x10;
        SlotBytes(buffer, kind, 2)[36] ^= 0x01;

        Assert.True(ring.TryDequeue(out Ping ping, out _));
        Assert.Equal(0UL, ping.Sequence);
        var payloadError = Assert.Throws<MessageChecksumException>(() => ring.TryDequeue(out ping, out _));
        Assert.Equal(1UL, payloadError.Position);
        Assert.NotEqual(payloadError.Header.Checksum, payloadError.Actual);
        Assert.Contains("failed its checksum", payloadError.Message, StringComparison.Ordinal);

        var handler = new Recorder();
        var headerError = Assert.Throws<MessageChecksumException>(() => ring.Drain(ref handler));
        Assert.Equal(2UL, headerError.Position);
        Assert.Empty(handler.Seen);

        Assert.Equal(1, ring.Drain(ref handler));
        Assert.Equal(["ping:3"], handler.Seen);
        Assert.Equal(2, ring.RejectedCount);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Inconsistent_headers_are_rejected_as_corrupt(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, SlotSize);
        MessageRing ring = NewRing(kind, buffer, 8);
        for (ulong i = 0; i < 3; i++)
            ring.Enqueue(new Ping(i));

        // A payload size beyond the slot (the checksum must not read past it), and a cleared checksum flag.
        MemoryMarshal.Write(SlotBytes(buffer, kind, 0)[44..], 100_000u);
        ref MessageHeader second = ref MemoryMarshal.AsRef<MessageHeader>(SlotBytes(buffer, kind, 1));
        second.Flags &= ~MessageFlags.Checksummed;

        var tooLong = Assert.Throws<CorruptMessageException>(() => ring.TryDequeue(out Ping _, out _));
        Assert.Contains("payload of 100000 bytes", tooLong.Message, StringComparison.Ordinal);
        var unchecked_ = Assert.Throws<CorruptMessageException>(() => ring.TryDequeue(out Ping _, out _));
        Assert.Contains("carries no checksum", unchecked_.Message, StringComparison.Ordinal);
        Assert.True(ring.TryDequeue(out Ping ping, out _));
        Assert.Equal(2UL, ping.Sequence);
        Assert.Equal(2, ring.RejectedCount);
    }

    [Fact]
    public void A_payload_size_that_differs_from_the_registered_type_is_rejected_as_corrupt()
    {
        using DeviceBuffer buffer = Allocate(RingKind.SingleProducer, 4, SlotSize);
        SlotRing slots = SlotRing.Create(RingKind.SingleProducer, buffer, 4, SlotSize);
        var producer = new MessageRing(slots);
        producer.Types.RegisterBytes(PingId);      // the producer sends id 1 as raw bytes
        var consumer = new MessageRing(SlotRing.Attach(buffer));
        consumer.Types.Register<Ping>(PingId);     // the consumer expects an 8-byte Ping

        producer.TryEnqueueBytes(PingId, [1, 2, 3, 4]);
        producer.TryEnqueueBytes(PingId, BitConverter.GetBytes(5UL));

        var error = Assert.Throws<CorruptMessageException>(() => consumer.TryDequeue(out Ping _, out _));
        Assert.Contains("4-byte payload; the type is 8 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(consumer.TryDequeue(out Ping ping, out _));
        Assert.Equal(5UL, ping.Sequence);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void TryDequeue_of_another_type_leaves_the_message_and_Drain_handles_mixed_types(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, SlotSize);
        MessageRing ring = NewRing(kind, buffer, 8);
        ring.Enqueue(new Quote(1, 2.5, 3));
        ring.Enqueue(new Ping(4));
        ring.TryEnqueueBytes(BytesId, [9, 9, 9]);

        var error = Assert.Throws<InvalidOperationException>(() => ring.TryDequeue(out Ping _, out _));
        Assert.Contains("type id 2 (Quote), not Ping", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, ring.Ring.Count);

        var handler = new Recorder();
        Assert.Equal(3, ring.Drain(ref handler));
        Assert.Equal(["quote:1", "ping:4", "bytes:3"], handler.Seen);
        Assert.Equal(0, ring.RejectedCount);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void A_handler_that_throws_leaves_its_message_for_the_next_consumer(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, SlotSize);
        MessageRing ring = NewRing(kind, buffer, 8);
        for (ulong i = 0; i < 4; i++)
            ring.Enqueue(new Ping(i));

        var failing = new Recorder { FailOnPing = 2 };
        Assert.Throws<InvalidOperationException>(() => ring.Drain(ref failing));
        Assert.Equal(["ping:0", "ping:1"], failing.Seen);

        var restarted = new MessageRing(SlotRing.Attach(buffer));
        restarted.Types.Register<Ping>(PingId);
        var handler = new Recorder();
        Assert.Equal(2, restarted.Drain(ref handler));
        Assert.Equal(["ping:2", "ping:3"], handler.Seen);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public async Task Backpressure_rejects_with_RingFullException_or_waits_with_EnqueueAsync(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 2, SlotSize);
        MessageRing ring = NewRing(kind, buffer, 2);
        ring.Enqueue(new Ping(0));
        await ring.EnqueueAsync(new Ping(1));
        Assert.False(ring.TryEnqueue(new Ping(2)));
        Assert.Throws<RingFullException>(() => ring.Enqueue(new Ping(2)));

        ValueTask pending = ring.EnqueueAsync(new Ping(2), new MessageHeader { CorrelationId = 5 });
        WaitUntil(() => ProducerWaiting(buffer) != 0, "the producer is parked");
        Assert.True(ring.TryDequeue(out Ping ping, out _));
        Assert.Equal(0UL, ping.Sequence);
        await pending.AsTask().WaitAsync(Patience);

        Assert.True(ring.TryDequeue(out ping, out _));
        Assert.Equal(1UL, ping.Sequence);
        Assert.True(ring.TryDequeue(out ping, out MessageHeader header));
        Assert.Equal((2UL, 5UL), (ping.Sequence, header.CorrelationId));
    }

    [Fact]
    public async Task Checksummed_messages_from_two_async_producers_arrive_once_and_in_order()
    {
        const int Producers = 2;
        const ulong PerProducer = 50_000;
        using DeviceBuffer buffer = Allocate(RingKind.MultiProducer, 16, SlotSize);
        MessageRing ring = NewRing(RingKind.MultiProducer, buffer, 16);

        async Task Produce(uint producer)
        {
            for (ulong i = 0; i < PerProducer; i++)
                await ring.EnqueueAsync(new Ping(i), new MessageHeader { SourceId = producer });
        }

        async Task<ulong[]> Consume()
        {
            var next = new ulong[Producers];
            var checker = new SequenceChecker(next);
            while (checker.Total < Producers * PerProducer)
            {
                await ring.WaitToReadAsync();
                ring.Drain(ref checker);
                Assert.Null(checker.Error);
            }

            return next;
        }

        Task<ulong[]> consumer = Task.Run(Consume);
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(() => Produce((uint)p)))).WaitAsync(Patience);
        ulong[] received = await consumer.WaitAsync(Patience);

        Assert.All(received, count => Assert.Equal(PerProducer, count));
        Assert.Equal(0, ring.RejectedCount);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Steady_state_messaging_allocates_nothing(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 64, SlotSize);
        MessageRing ring = NewRing(kind, buffer, 64);
        Exercise(ring, 1_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = Exercise(ring, 20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, sum);
    }

    private static double Exercise(MessageRing ring, int rounds)
    {
        var summer = new Summer();
        var header = new MessageHeader { SourceId = 3 };
        Span<byte> raw = stackalloc byte[20];
        for (int i = 0; i < rounds; i++)
        {
            ring.TryEnqueue(new Quote(i, i * 0.5, 1), header);
            ring.TryDequeue(out Quote quote, out _);
            summer.Sum += quote.Price;

            Assert.True(CompletedAtOnce(ring.EnqueueAsync(new Ping((ulong)i))));
            ring.TryEnqueueBytes(BytesId, raw);
            Assert.True(CompletedAtOnce(ring.WaitToReadAsync()));
            ring.Drain(ref summer);
        }

        return summer.Sum;
    }

    private static MessageRing NewRing(RingKind kind, DeviceBuffer buffer, int capacity)
    {
        var ring = new MessageRing(SlotRing.Create(kind, buffer, capacity, SlotSize));
        ring.Types.Register<Ping>(PingId).Register<Quote>(QuoteId).RegisterBytes(BytesId);
        return ring;
    }

    /// <summary>The bytes of the slot at <paramref name="index"/>, straight from the buffer.</summary>
    private static Span<byte> SlotBytes(DeviceBuffer buffer, RingKind kind, int index)
    {
        int capacity = (int)buffer.AsRef<RingHeader>(0).Capacity;
        long slots = RingHeader.Size + (kind == RingKind.MultiProducer ? capacity * 8L : 0);
        return buffer.AsSpan(slots + (long)index * SlotSize, SlotSize);
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Ping(ulong Sequence);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Quote(long Instrument, double Price, long Quantity);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Small(int Value);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Big(Quote A, Quote B);

    private sealed class Recorder : IMessageHandler
    {
        public List<string> Seen { get; } = [];

        public ulong? FailOnPing { get; init; }

        public void Handle(RingMessage message)
        {
            if (message.Is<Ping>())
            {
                ulong sequence = message.Get<Ping>().Sequence;
                if (sequence == FailOnPing)
                    throw new InvalidOperationException($"ping {sequence} failed");
                Seen.Add($"ping:{sequence}");
            }
            else if (message.Is<Quote>())
            {
                Seen.Add($"quote:{message.Get<Quote>().Instrument}");
            }
            else
            {
                Assert.Equal(BytesId, message.TypeId);
                bool refused = false;
                try
                {
                    _ = message.Get<Ping>();
                }
                catch (InvalidOperationException)
                {
                    refused = true;
                }

                Assert.True(refused, "raw bytes must not read as a Ping");
                Seen.Add($"bytes:{message.Payload.Length}");
            }
        }
    }

    private struct Summer : IMessageHandler
    {
        public double Sum;

        public void Handle(RingMessage message)
        {
            if (message.Is<Ping>())
                Sum += message.Get<Ping>().Sequence;
            else
                Sum += message.Payload.Length;
        }
    }

    /// <summary>Checks each producer's (SourceId's) pings arrive as 0, 1, 2, ….</summary>
    private struct SequenceChecker(ulong[] next) : IMessageHandler
    {
        public ulong Total;
        public string? Error;

        public void Handle(RingMessage message)
        {
            uint producer = message.Header.SourceId;
            ulong sequence = message.Get<Ping>().Sequence;
            if (sequence != next[producer])
                Error ??= $"producer {producer}: expected {next[producer]}, got {sequence}";
            next[producer] = sequence + 1;
            Total++;
        }
    }
}
