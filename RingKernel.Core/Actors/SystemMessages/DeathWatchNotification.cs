namespace RingKernel.Actors.SystemMessages;

/// <summary>
/// Sent by a terminated actor to its parent and its watchers. The recipient turns it into a
/// <see cref="Terminated"/> user message when it watches the actor, and into child bookkeeping when it
/// is the parent.
/// </summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed) : SystemMessage
{
    public IActorRef Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}
