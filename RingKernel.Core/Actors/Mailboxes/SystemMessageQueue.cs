using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors.Mailboxes;

/// <summary>
/// Lock-free multi-producer queue of system messages: producers push onto an intrusive stack with one
/// compare-and-swap; the single consumer takes the whole stack with one exchange and reverses it into
/// arrival order. System messages are rare, so the node is the message itself.
/// </summary>
internal sealed class SystemMessageQueue
{
    private SystemMessage? _head;

    public bool HasMessages => Volatile.Read(ref _head) is not null;

    public void Push(SystemMessage message)
    {
        SystemMessage? head = Volatile.Read(ref _head);
        while (true)
        {
            message.Next = head;
            SystemMessage? seen = Interlocked.CompareExchange(ref _head, message, head);
            if (seen == head)
                return;
            head = seen;
        }
    }

    /// <summary>Consumer only: every queued message, oldest first, linked through <see cref="SystemMessage.Next"/>.</summary>
    public SystemMessage? TakeAll()
    {
        SystemMessage? latestFirst = Interlocked.Exchange(ref _head, null);
        SystemMessage? earliestFirst = null;
        while (latestFirst is not null)
        {
            SystemMessage? next = latestFirst.Next;
            latestFirst.Next = earliestFirst;
            earliestFirst = latestFirst;
            latestFirst = next;
        }

        return earliestFirst;
    }
}
