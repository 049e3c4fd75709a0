namespace RingKernel.Actors.SystemMessages;

/// <summary>Sent by a failed (and now suspended) child to its parent, whose supervisor strategy decides.</summary>
internal sealed class Failed(IActorRef child, Exception cause) : SystemMessage
{
    public IActorRef Child { get; } = child;

    public Exception Cause { get; } = cause;
}
