using RingKernel.Actors;
using RingKernel.Actors.Mailboxes;
using Xunit;

namespace RingKernel.Tests.Actors;

/// <summary>The mailbox's MPSC queue on its own: order, growth, contention, allocation.</summary>
public sealed class MessageQueueTests
{
    [Fact]
    public void Messages_come_out_in_order_across_many_segment_growths()
    {
        var queue = new MessageQueue();
        var boxes = Enumerable.Range(0, 10_000).Select(i => (object)i).ToArray();
        foreach (object box in boxes)
            queue.Enqueue(box, null);
        Assert.True(queue.HasMessages);
        Assert.Equal(10_000, queue.Count);
        for (int i = 0; i < boxes.Length; i++)
        {
            Assert.True(queue.TryDequeue(out object message, out _));
            Assert.Same(boxes[i], message);
        }

        Assert.False(queue.TryDequeue(out _, out _));
        Assert.False(queue.HasMessages);
    }

    [Fact]
    public void Sender_travels_with_its_message()
    {
        var queue = new MessageQueue();
        queue.Enqueue("a", ActorRefs.Nobody);
        queue.Enqueue("b", null);
        Assert.True(queue.TryDequeue(out object first, out IActorRef? firstSender));
        Assert.True(queue.TryDequeue(out object second, out IActorRef? secondSender));
        Assert.Equal(("a", ActorRefs.Nobody), (first, firstSender));
        Assert.Equal(("b", (IActorRef?)null), (second, secondSender));
    }

    [Fact]
    public void Interleaved_use_wraps_a_segment_many_times_without_growing()
    {
        var queue = new MessageQueue();
        for (int round = 0; round < 10_000; round++)
        {
            for (int i = 0; i < MessageQueue.InitialSegmentCapacity; i++)
                queue.Enqueue(i, null);
            for (int i = 0; i < MessageQueue.InitialSegmentCapacity; i++)
            {
                Assert.True(queue.TryDequeue(out object message, out _));
                Assert.Equal(i, message);
            }
        }

        Assert.False(queue.HasMessages);
    }

    [Fact]
    public void Steady_state_enqueue_and_dequeue_allocate_nothing()
    {
        var queue = new MessageQueue();
        object message = "m";
        IActorRef sender = ActorRefs.Nobody;
        for (int i = 0; i < 1000; i++)
            queue.Enqueue(message, sender);
        while (queue.TryDequeue(out _, out _))
        {
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 1000; round++)
        {
            for (int i = 0; i < 1000; i++)
                queue.Enqueue(message, sender);
            for (int i = 0; i < 1000; i++)
                queue.TryDequeue(out _, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Several_producers_lose_nothing_and_keep_their_own_order()
    {
        const int producers = 4;
        const int perProducer = 250_000;
        var queue = new MessageQueue();
        var items = new object[producers][];
        for (int p = 0; p < producers; p++)
            items[p] = Enumerable.Range(0, perProducer).Select(i => (object)((p * perProducer) + i)).ToArray();
        using var go = new Barrier(producers + 1);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            go.SignalAndWait();
            foreach (object item in items[p])
                queue.Enqueue(item, null);
        })).ToList();
        threads.ForEach(t => t.Start());
        go.SignalAndWait();

        var next = new int[producers];
        int received = 0;
        while (received < producers * perProducer)
        {
            if (!queue.TryDequeue(out object message, out _))
            {
                Thread.SpinWait(20);
                continue;
            }

            int value = (int)message;
            int producer = value / perProducer;
            Assert.Equal(next[producer], value % perProducer);
            next[producer]++;
            received++;
        }

        threads.ForEach(t => t.Join());
        Assert.All(next, n => Assert.Equal(perProducer, n));
        Assert.False(queue.TryDequeue(out _, out _));
    }

    [Fact]
    public void System_messages_come_out_oldest_first()
    {
        var queue = new SystemMessageQueue();
        var sent = new RingKernel.Actors.SystemMessages.SystemMessage[]
        {
            new RingKernel.Actors.SystemMessages.Create(),
            new RingKernel.Actors.SystemMessages.Suspend(),
            new RingKernel.Actors.SystemMessages.Resume(null),
            new RingKernel.Actors.SystemMessages.Terminate(),
        };
        foreach (var message in sent)
            queue.Push(message);
        var received = new List<RingKernel.Actors.SystemMessages.SystemMessage>();
        for (var message = queue.TakeAll(); message is not null; message = message.Next)
            received.Add(message);
        Assert.Equal(sent, received);
        Assert.False(queue.HasMessages);
        Assert.Null(queue.TakeAll());
    }
}
