namespace RingKernel.Actors.Mailboxes;

/// <summary>
/// The unbounded, lock-free multi-producer single-consumer queue behind every mailbox. It is a chain
/// of <see cref="MessageQueueSegment"/> rings: producers enqueue into the tail segment with one
/// compare-and-swap; when that ring is full, a producer freezes it and links a segment of twice the
/// capacity (up to <see cref="MaxSegmentCapacity"/>). The consumer drains a frozen segment to its end
/// before moving on, so FIFO order per producer holds across segments. A ring is reused lap after lap,
/// so once a mailbox has grown to its working size the queue allocates nothing per message.
/// </summary>
internal sealed class MessageQueue
{
    public const int InitialSegmentCapacity = 32;
    public const int MaxSegmentCapacity = 1 << 20;

    private MessageQueueSegment _head;
    private MessageQueueSegment _tail;

    public MessageQueue()
    {
        _head = _tail = new MessageQueueSegment(InitialSegmentCapacity);
    }

    /// <summary>Any thread. Never fails: a full segment makes the queue grow.</summary>
    public void Enqueue(object message, IActorRef? sender)
    {
        while (true)
        {
            MessageQueueSegment tail = Volatile.Read(ref _tail);
            if (tail.TryEnqueue(message, sender))
                return;
            Grow(tail);
        }
    }

    private void Grow(MessageQueueSegment full)
    {
        // Freeze before linking: a non-null Next promises the consumer that no claim in `full` can follow.
        full.Freeze();
        if (Volatile.Read(ref full.Next) is null)
        {
            var next = new MessageQueueSegment(Math.Min(full.Capacity * 2, MaxSegmentCapacity));
            Interlocked.CompareExchange(ref full.Next, next, null);
        }

        Interlocked.CompareExchange(ref _tail, full.Next!, full);
    }

    /// <summary>Consumer only.</summary>
    public bool TryDequeue(out object message, out IActorRef? sender)
    {
        while (true)
        {
            MessageQueueSegment head = _head;
            if (head.TryDequeue(out message, out sender))
                return true;
            MessageQueueSegment? next = Volatile.Read(ref head.Next);
            if (next is null || !head.IsDrainedAndFrozen)
                return false;
            _head = next;
        }
    }

    /// <summary>
    /// Consumer only: whether a message is claimed or a later segment exists. A producer claims with a
    /// full fence before it checks the actor's status, so a consumer that sees no claim after releasing
    /// the actor can rely on that producer to schedule it.
    /// </summary>
    public bool HasMessages
    {
        get
        {
            MessageQueueSegment head = _head;
            return head.HasClaims || Volatile.Read(ref head.Next) is not null;
        }
    }

    /// <summary>Consumer only: an estimate of the messages waiting.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            for (MessageQueueSegment? segment = _head; segment is not null; segment = Volatile.Read(ref segment.Next))
                count += segment.Count;
            return count;
        }
    }
}
