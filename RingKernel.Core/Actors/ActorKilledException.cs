namespace RingKernel.Actors;

/// <summary>Raised in an actor that processed <see cref="Kill"/>. The default strategy stops the actor.</summary>
public class ActorKilledException : Exception
{
    public ActorKilledException()
        : base("Kill")
    {
    }

    public ActorKilledException(string message)
        : base(message)
    {
    }

    public ActorKilledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
