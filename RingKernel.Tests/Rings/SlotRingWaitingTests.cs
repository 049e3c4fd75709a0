using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using static RingKernel.Tests.Rings.TestRings;

namespace RingKernel.Tests.Rings;

/// <summary>Both ring kinds: producers that park on a full ring and consumers that park on an empty one, woken without a wake-up lost.</summary>
public sealed class SlotRingWaitingTests
{
    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public async Task EnqueueAsync_parks_on_a_full_ring_and_resumes_when_a_slot_is_freed(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 4, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 4, 8);
        for (ulong i = 0; i < 4; i++)
            await ring.EnqueueAsync(Item(i));

        ValueTask pending = ring.EnqueueAsync(Item(4));
        WaitUntil(() => ProducerWaiting(buffer) != 0, "the producer is parked");
        Assert.False(pending.IsCompleted);
        Assert.Equal(4, ring.Count);

        var slot = new byte[8];
        Assert.True(ring.TryDequeue(slot));
        Assert.Equal(0UL, Value(slot));
        await pending.AsTask().WaitAsync(Patience);

        Assert.Equal(0u, ProducerWaiting(buffer));
        Assert.Equal([1UL, 2, 3, 4], DequeueAll(ring));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public async Task EnqueueAsync_cancelled_while_parked_enqueues_nothing(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 2, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 2, 8);
        ring.Enqueue(Item(1));
        ring.Enqueue(Item(2));

        using var cancellation = new CancellationTokenSource();
        ValueTask pending = ring.EnqueueAsync(Item(3), cancellation.Token);
        WaitUntil(() => ProducerWaiting(buffer) != 0, "the producer is parked");
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask().WaitAsync(Patience));

        Assert.Equal(0u, ProducerWaiting(buffer));
        Assert.True(CanceledAtOnce(ring.EnqueueAsync(Item(4), cancellation.Token)));
        Assert.Equal([1UL, 2], DequeueAll(ring));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public async Task WaitToReadAsync_parks_on_an_empty_ring_and_wakes_when_another_view_publishes(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 4, 8);
        SlotRing consumer = SlotRing.Create(kind, buffer, 4, 8);
        SlotRing producer = SlotRing.Attach(buffer);

        ValueTask waiting = consumer.WaitToReadAsync();
        WaitUntil(() => ConsumerWaiting(buffer) != 0, "the consumer is parked");
        Assert.False(waiting.IsCompleted);

        producer.Enqueue(Item(7));
        await waiting.AsTask().WaitAsync(Patience);
        Assert.Equal(0u, ConsumerWaiting(buffer));
        Assert.Equal([7UL], DequeueAll(consumer));

        using var cancellation = new CancellationTokenSource();
        ValueTask cancelled = consumer.WaitToReadAsync(cancellation.Token);
        WaitUntil(() => ConsumerWaiting(buffer) != 0, "the consumer is parked again");
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.AsTask().WaitAsync(Patience));
        Assert.Equal(0u, ConsumerWaiting(buffer));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public async Task Async_producer_and_consumer_on_a_tiny_ring_lose_no_wake_up(RingKind kind)
    {
        const int Count = 20_000;
        using DeviceBuffer buffer = Allocate(kind, 2, 8);
        SlotRing ring = SlotRing.Create(kind, buffer, 2, 8);

        async Task Produce()
        {
            var item = new byte[8];
            for (ulong i = 0; i < Count; i++)
            {
                BitConverter.TryWriteBytes(item, i);
                await ring.EnqueueAsync(item);
            }
        }

        async Task<List<ulong>> Consume()
        {
            var received = new List<ulong>(Count);
            var slot = new byte[8];
            while (received.Count < Count)
            {
                await ring.WaitToReadAsync();
                while (ring.TryDequeue(slot))
                    received.Add(Value(slot));
            }

            return received;
        }

        Task<List<ulong>> consumer = Task.Run(Consume);
        await Task.Run(Produce).WaitAsync(Patience);
        List<ulong> received = await consumer.WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (ulong)i), received);
    }
}
