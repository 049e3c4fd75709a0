namespace RingKernel.Actors.Events;

/// <summary>
/// Published on the <see cref="EventStream"/> for every message that could not be delivered: told to a
/// stopped actor, left in the mailbox of an actor that stopped, or told to the system's dead letters.
/// </summary>
public sealed class DeadLetter
{
    public DeadLetter(object message, IActorRef sender, IActorRef recipient)
    {
        Message = message;
        Sender = sender;
        Recipient = recipient;
    }

    public object Message { get; }

    /// <summary>The original sender, or <see cref="ActorRefs.Nobody"/>.</summary>
    public IActorRef Sender { get; }

    /// <summary>The actor the message was meant for.</summary>
    public IActorRef Recipient { get; }

    public override string ToString() => $"DeadLetter({Message} from {Sender} to {Recipient})";
}
