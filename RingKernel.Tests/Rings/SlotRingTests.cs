using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using static RingKernel.Tests.Rings.TestRings;

namespace RingKernel.Tests.Rings;

/// <summary>Behaviour shared by both ring kinds: edges, batches, peeks and commits, attached views, allocation.</summary>
public sealed class SlotRingTests
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void An_empty_ring_yields_nothing_and_a_full_ring_accepts_nothing(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 4, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 4, 8);
        var slot = new byte[8];
        Assert.False(ring.TryPeek(out _));
        Assert.False(ring.TryDequeue(slot));
        Assert.Equal(0, ring.TryDequeueBatch(new byte[32]));
        var handler = new CollectingHandler();
        Assert.Equal(0, ring.Drain(ref handler));
        Assert.Equal(0, ring.Count);

        // Three laps of fill-to-full then drain-to-empty: exact contents, in order, at every edge.
        ulong next = 0;
        for (int lap = 0; lap < 3; lap++)
        {
            for (int i = 0; i < 4; i++)
                Assert.True(ring.TryEnqueue(Item(next + (ulong)i)));
            Assert.False(ring.TryEnqueue(Item(99)));
            Assert.Equal(0, ring.TryEnqueueBatch(Item(99)));
            Assert.Equal(4, ring.Count);

            Assert.Equal([next, next + 1, next + 2, next + 3], DequeueAll(ring));
            Assert.Equal(0, ring.Count);
            next += 4;
        }

        // Freeing one slot admits exactly one item.
        for (int i = 0; i < 4; i++)
            ring.Enqueue(Item((ulong)i));
        Assert.True(ring.TryDequeue(slot));
        Assert.True(ring.TryEnqueue(Item(4)));
        Assert.False(ring.TryEnqueue(Item(5)));
        Assert.Equal([1UL, 2, 3, 4], DequeueAll(ring));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Enqueue_on_a_full_ring_throws_RingFullException_and_changes_nothing(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 2, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 2, 8);
        ring.Enqueue(Item(1));
        ring.Enqueue(Item(2));

        var error = Assert.Throws<RingFullException>(() => ring.Enqueue(Item(3)));
        Assert.Equal(2, error.Capacity);
        Assert.Contains("full", error.Message, StringComparison.Ordinal);
        Assert.Contains("not enqueued", error.Message, StringComparison.Ordinal);
        Assert.Equal([1UL, 2], DequeueAll(ring));
        ring.Enqueue(Item(3));
        Assert.Equal([3UL], DequeueAll(ring));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Items_longer_than_a_slot_are_refused_and_shorter_ones_are_zero_padded(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 4, 16);
        SlotRing ring = SlotRing.Create(kind, buffer, 4, 16);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryEnqueue(new byte[17]));
        Assert.Equal(0, ring.Count);

        byte[] full = Enumerable.Repeat((byte)0xAB, 16).ToArray();
        ring.Enqueue(full);
        ring.Enqueue([1, 2, 3]);
        var slot = new byte[16];
        Assert.True(ring.TryDequeue(slot));
        Assert.Equal(full, slot);
        Assert.True(ring.TryDequeue(slot));
        Assert.Equal(new byte[] { 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, slot);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Batches_are_partial_when_space_is_short_and_keep_order_across_the_wrap(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 8, 8);
        byte[] Items(ulong from, int count) => Enumerable.Range(0, count).SelectMany(i => Item(from + (ulong)i)).ToArray();

        Assert.Equal(6, ring.TryEnqueueBatch(Items(0, 6)));
        Assert.Equal(2, ring.TryEnqueueBatch(Items(6, 5)));   // only two slots left
        Assert.Equal(0, ring.TryEnqueueBatch(Items(8, 1)));

        var destination = new byte[5 * 8];
        Assert.Equal(5, ring.TryDequeueBatch(destination));
        Assert.Equal(Items(0, 5), destination);

        // Positions 8..12 wrap from slot 0; the ring holds 5..7 then 8..12.
        Assert.Equal(5, ring.TryEnqueueBatch(Items(8, 5)));
        var all = new byte[10 * 8];
        Assert.Equal(8, ring.TryDequeueBatch(all));
        Assert.Equal(Items(5, 8), all[..64]);

        // A batch that straddles the end of the slot array (positions 13..19 -> slots 5,6,7,0,1,2,3).
        Assert.Equal(7, ring.TryEnqueueBatch(Items(13, 7)));
        Assert.Equal(Enumerable.Range(13, 7).Select(i => (ulong)i), DequeueAll(ring));

        Assert.Throws<ArgumentException>(() => ring.TryEnqueueBatch(new byte[12]));
        Assert.Throws<ArgumentException>(() => ring.TryDequeueBatch(new byte[7]));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void TryPeek_leaves_the_slot_until_Commit(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 4, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 4, 8);
        Assert.Throws<InvalidOperationException>(ring.Commit);
        ring.Enqueue(Item(10));
        ring.Enqueue(Item(11));

        Assert.True(ring.TryPeek(out ReadOnlySpan<byte> first));
        Assert.Equal(10UL, Value(first));
        Assert.True(ring.TryPeek(out ReadOnlySpan<byte> again));
        Assert.Equal(10UL, Value(again));
        Assert.Equal(2, ring.Count);

        ring.Commit();
        Assert.Throws<InvalidOperationException>(ring.Commit);
        Assert.Equal(1, ring.Count);
        Assert.True(ring.TryPeek(out ReadOnlySpan<byte> second));
        Assert.Equal(11UL, Value(second));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public unsafe void IsReadable_is_true_only_while_the_slot_at_the_consumers_position_is_published(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 4, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 4, 8);
        Assert.False(ring.IsReadable);

        // Claimed but not yet published: not readable, though a multi-producer ring already counts it.
        byte* slot = ring.TryClaim(out ulong position);
        Assert.True(slot != null);
        *(ulong*)slot = 7;
        Assert.Equal(kind == RingKind.MultiProducer ? 1 : 0, ring.Count);
        Assert.False(ring.IsReadable);

        ring.Publish(position);
        Assert.True(ring.IsReadable);
        Assert.True(ring.TryPeek(out ReadOnlySpan<byte> peeked));
        Assert.Equal(7UL, Value(peeked));
        Assert.True(ring.IsReadable);

        ring.Commit();
        Assert.False(ring.IsReadable);
        Assert.Equal(0, ring.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void A_consumer_that_throws_mid_processing_leaves_the_message_for_the_next_consumer(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 8, 8);
        for (ulong i = 1; i <= 5; i++)
            ring.Enqueue(Item(i));

        var failing = new CollectingHandler { FailOn = 3 };
        Assert.Throws<InvalidOperationException>(() => ring.Drain(ref failing));
        Assert.Equal([1UL, 2], failing.Seen);
        Assert.Equal(3, ring.Count);

        // A peeked, never committed slot is not lost either.
        Assert.True(ring.TryPeek(out ReadOnlySpan<byte> peeked));
        Assert.Equal(3UL, Value(peeked));

        // The next consumer (a fresh view of the same memory, as after a restart) sees 3, 4, 5.
        SlotRing next = SlotRing.Attach(buffer);
        var handler = new CollectingHandler();
        Assert.Equal(3, next.Drain(ref handler));
        Assert.Equal([3UL, 4, 5], handler.Seen);
        Assert.Equal(0, next.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Drain_stops_at_maxSlots_and_commits_what_it_handled(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 8, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 8, 8);
        for (ulong i = 0; i < 6; i++)
            ring.Enqueue(Item(i));

        var handler = new CollectingHandler();
        Assert.Equal(4, ring.Drain(ref handler, maxSlots: 4));
        Assert.Equal(2, ring.Count);
        Assert.Equal(2, ring.Drain(ref handler));
        Assert.Equal([0UL, 1, 2, 3, 4, 5], handler.Seen);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Drain(ref handler, maxSlots: 0));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void An_attached_view_continues_from_the_cursors_in_the_buffer(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 4, 8);
        SlotRing first = SlotRing.Create(kind, buffer, 4, 8);
        first.Enqueue(Item(1));
        first.Enqueue(Item(2));
        first.Enqueue(Item(3));
        Assert.Equal(1UL, Dequeue(first));

        SlotRing second = SlotRing.Attach(buffer);
        Assert.Equal(2, second.Count);
        second.Enqueue(Item(4));
        second.Enqueue(Item(5));
        Assert.False(second.TryEnqueue(Item(6)));
        Assert.Equal([2UL, 3, 4, 5], DequeueAll(second));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Steady_state_enqueue_and_dequeue_allocate_nothing(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 64, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 64, 8);
        var memory = new ReadOnlyMemory<byte>(new byte[8]);
        Exercise(ring, memory, 1_000);   // tiered JIT, statics

        long before = GC.GetAllocatedBytesForCurrentThread();
        ulong sum = Exercise(ring, memory, 20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0UL, sum);
    }

    private static ulong Exercise(SlotRing ring, ReadOnlyMemory<byte> memory, int rounds)
    {
        Span<byte> item = stackalloc byte[8];
        Span<byte> batch = stackalloc byte[8 * 16];
        var handler = new SummingHandler();
        for (int i = 0; i < rounds; i++)
        {
            BitConverter.TryWriteBytes(item, (ulong)i);
            ring.TryEnqueue(item);
            ring.TryDequeue(item);
            handler.Sum += Value(item);

            ring.TryEnqueueBatch(batch);
            ring.TryDequeueBatch(batch);

            Assert.True(CompletedAtOnce(ring.EnqueueAsync(memory)));
            Assert.True(CompletedAtOnce(ring.WaitToReadAsync()));
            ring.TryPeek(out _);
            ring.Commit();

            ring.TryEnqueue(item);
            ring.Drain(ref handler);
        }

        return handler.Sum;
    }

    private static ulong Dequeue(SlotRing ring)
    {
        var slot = new byte[ring.SlotSize];
        Assert.True(ring.TryDequeue(slot));
        return Value(slot);
    }

    private struct SummingHandler : ISlotHandler
    {
        public ulong Sum;

        public void Handle(ReadOnlySpan<byte> slot) => Sum += Value(slot);
    }

    private sealed class CollectingHandler : ISlotHandler
    {
        public List<ulong> Seen { get; } = [];

        public ulong? FailOn { get; init; }

        public void Handle(ReadOnlySpan<byte> slot)
        {
            ulong value = Value(slot);
            if (value == FailOn)
                throw new InvalidOperationException($"processing {value} failed");
            Seen.Add(value);
        }
    }
}
