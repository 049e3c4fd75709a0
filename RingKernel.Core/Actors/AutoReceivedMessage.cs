namespace RingKernel.Actors;

/// <summary>
/// Base of the messages the runtime acts on itself before (or instead of) the actor's behaviour:
/// <see cref="PoisonPill"/>, <see cref="Kill"/> and <see cref="Terminated"/>.
/// </summary>
public abstract class AutoReceivedMessage
{
    private protected AutoReceivedMessage()
    {
    }
}
