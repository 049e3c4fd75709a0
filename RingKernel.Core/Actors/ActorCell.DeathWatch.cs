using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>DeathWatch of <see cref="ActorCell"/>: whom this actor watches and who watches it.</summary>
internal sealed partial class ActorCell
{
    private HashSet<IActorRef>? _watching;
    private HashSet<IInternalActorRef>? _watchedBy;
    private HashSet<IActorRef>? _terminatedQueued;

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not IInternalActorRef target)
            throw new ArgumentException($"{subject} is not an actor of this runtime and cannot be watched.", nameof(subject));
        if (!ReferenceEquals(subject, _self) && (_watching ??= []).Add(subject))
            target.SendSystemMessage(new Watch(target, _self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is IInternalActorRef target && _watching is not null && _watching.Remove(subject))
            target.SendSystemMessage(new Unwatch(target, _self));
        _terminatedQueued?.Remove(subject);
        return subject;
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (ReferenceEquals(watchee, _self) && !ReferenceEquals(watcher, _self))
            (_watchedBy ??= []).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (ReferenceEquals(watchee, _self))
            _watchedBy?.Remove(watcher);
    }

    private void WatchedActorTerminated(IActorRef actor, bool existenceConfirmed)
    {
        if (_watching is not null && _watching.Remove(actor) && !_isTerminating)
        {
            (_terminatedQueued ??= []).Add(actor);
            Post(new Terminated(actor, existenceConfirmed), actor);
        }

        bool isChild;
        lock (_childrenLock)
            isChild = IsChildLocked(actor);
        if (isChild)
            HandleChildTerminated(actor);
    }

    private void TellWatchersWeDied()
    {
        if (_watchedBy is null)
            return;
        foreach (IInternalActorRef watcher in _watchedBy)
        {
            // The parent hears it as a parent already.
            if (!ReferenceEquals(watcher, _parent))
                watcher.SendSystemMessage(new DeathWatchNotification(_self, existenceConfirmed: true));
        }

        _watchedBy = null;
    }

    private void UnwatchWatchedActors()
    {
        if (_watching is null)
            return;
        foreach (IActorRef watched in _watching)
            ((IInternalActorRef)watched).SendSystemMessage(new Unwatch((IInternalActorRef)watched, _self));
        _watching = null;
        _terminatedQueued = null;
    }
}
