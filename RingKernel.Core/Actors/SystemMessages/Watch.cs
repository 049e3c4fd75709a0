namespace RingKernel.Actors.SystemMessages;

/// <summary>Sent to <see cref="Watchee"/>: tell <see cref="Watcher"/> when you terminate.</summary>
internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}
