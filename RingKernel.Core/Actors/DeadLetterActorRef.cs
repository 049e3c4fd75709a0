using RingKernel.Actors.Events;
using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>
/// The system's dead letters (<see cref="ActorSystem.DeadLetters"/>): whatever it is told is published
/// as a <see cref="DeadLetter"/> event. It is also the <c>Sender</c> an actor sees when a message had none.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : IInternalActorRef
{
    public ActorPath Path { get; } = ActorPath.Root(system.Name).Child("deadLetters");

    public bool IsTerminated => false;

    public ActorSystem System => system;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter deadLetter)
            system.EventStream.Publish(deadLetter);
        else
            system.PublishDeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, existenceConfirmed: false));
    }

    public override string ToString() => $"[{Path}]";
}
