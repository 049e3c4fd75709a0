namespace RingKernel.Actors;

/// <summary>
/// Raised in an actor that watched another and did not handle its <see cref="Terminated"/> message.
/// The default strategy stops the actor.
/// </summary>
public class DeathPactException : Exception
{
    public DeathPactException()
    {
    }

    public DeathPactException(string message)
        : base(message)
    {
    }

    public DeathPactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DeathPactException(IActorRef deadActor)
        : base($"Monitored actor {deadActor} terminated and the Terminated message was not handled")
    {
        DeadActor = deadActor;
    }

    public IActorRef? DeadActor { get; }
}
