namespace RingKernel.Actors;

/// <summary>
/// An immutable, thread-safe handle to an actor, the only way to reach it. Messages told to a handle
/// whose actor has stopped go to the system's dead letters, never silently away.
/// </summary>
public interface IActorRef
{
    /// <summary>Where the actor lives in its system's hierarchy.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> for the actor and returns at once. Messages from one sender to
    /// one receiver arrive in the order they were told. <paramref name="sender"/> is what the receiver sees
    /// as <c>Sender</c> (dead letters when null).
    /// </summary>
    void Tell(object message, IActorRef? sender);
}
