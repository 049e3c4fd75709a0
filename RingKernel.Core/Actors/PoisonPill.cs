namespace RingKernel.Actors;

/// <summary>
/// Stops the receiver when it is processed: messages queued before it are handled first, messages
/// queued after it go to dead letters.
/// </summary>
public sealed class PoisonPill : AutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }

    public override string ToString() => "PoisonPill";
}
