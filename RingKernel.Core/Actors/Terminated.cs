namespace RingKernel.Actors;

/// <summary>
/// Delivered to an actor that watches <see cref="ActorRef"/> once that actor has stopped (DeathWatch).
/// An actor that watches another and does not handle this message fails with
/// <see cref="DeathPactException"/>.
/// </summary>
public sealed class Terminated : AutoReceivedMessage
{
    public Terminated(IActorRef actorRef, bool existenceConfirmed)
    {
        ActorRef = actorRef;
        ExistenceConfirmed = existenceConfirmed;
    }

    /// <summary>The actor that stopped.</summary>
    public IActorRef ActorRef { get; }

    /// <summary>False when the watched actor had already stopped when the watch arrived.</summary>
    public bool ExistenceConfirmed { get; }

    public override string ToString() => $"Terminated({ActorRef})";
}
