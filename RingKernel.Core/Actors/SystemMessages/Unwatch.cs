namespace RingKernel.Actors.SystemMessages;

/// <summary>Sent to <see cref="Watchee"/>: <see cref="Watcher"/> no longer wants to know.</summary>
internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}
