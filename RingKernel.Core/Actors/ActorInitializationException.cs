namespace RingKernel.Actors;

/// <summary>
/// An actor could not be created or re-created: its constructor, <c>PreStart</c> or <c>PostRestart</c>
/// threw (the original exception is the inner exception). The default strategy stops such an actor.
/// </summary>
public class ActorInitializationException : Exception
{
    public ActorInitializationException()
    {
    }

    public ActorInitializationException(string message)
        : base(message)
    {
    }

    public ActorInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ActorInitializationException(IActorRef actor, string message, Exception innerException)
        : base(message, innerException)
    {
        Actor = actor;
    }

    /// <summary>The actor that failed to start, when known.</summary>
    public IActorRef? Actor { get; }
}
