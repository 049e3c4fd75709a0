using RingKernel.Actors.Events;
using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors.Guardians;

/// <summary>
/// The parent of the root guardian, which is no actor: it hears the root's death (the end of the
/// system's termination) and stops the root should it ever fail.
/// </summary>
internal sealed class RootParentRef(ActorSystem system, Action onRootTerminated) : IInternalActorRef
{
    private IInternalActorRef? _root;

    public ActorPath Path { get; } = ActorPath.Root(system.Name).Child("$root-parent");

    public bool IsTerminated => system.WhenTerminated.IsCompleted;

    public ActorSystem System => system;

    public void Attach(IInternalActorRef root) => _root = root;

    public void Tell(object message, IActorRef? sender) => system.PublishDeadLetter(message, sender, this);

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification:
                onRootTerminated();
                break;
            case Failed failed:
                new LoggingAdapter(system, Path.ToString(), typeof(RootParentRef)).Error(failed.Cause, "The root guardian failed; terminating.");
                _root?.SendSystemMessage(new Terminate());
                break;
        }
    }
}
