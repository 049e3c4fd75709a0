namespace RingKernel.Actors.Events;

/// <summary>Published on the <see cref="EventStream"/> when an actor's behaviour did not handle a message.</summary>
public sealed class UnhandledMessage
{
    public UnhandledMessage(object message, IActorRef sender, IActorRef recipient)
    {
        Message = message;
        Sender = sender;
        Recipient = recipient;
    }

    public object Message { get; }

    public IActorRef Sender { get; }

    public IActorRef Recipient { get; }

    public override string ToString() => $"UnhandledMessage({Message} from {Sender} to {Recipient})";
}
