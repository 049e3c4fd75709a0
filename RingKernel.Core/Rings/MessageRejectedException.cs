using RingKernel.Layouts;

namespace RingKernel.Rings;

/// <summary>
/// Thrown at dequeue for a message that failed validation. The message has already been consumed
/// (skipped), so it cannot block the ring; the next dequeue returns the next message.
/// </summary>
public abstract class MessageRejectedException : Exception
{
    private protected MessageRejectedException(string message, ulong position, in MessageHeader header)
        : base(message)
    {
        Position = position;
        Header = header;
    }

    /// <summary>The ring position the message occupied.</summary>
    public ulong Position { get; }

    /// <summary>The header as it was found in the slot.</summary>
    public MessageHeader Header { get; }
}
