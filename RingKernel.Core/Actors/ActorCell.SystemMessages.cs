using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>System-message processing of <see cref="ActorCell"/>.</summary>
internal sealed partial class ActorCell
{
    // Failed messages from children that arrived while this actor was itself failed or waiting for
    // children to stop; they are handled once it is running normally again (Akka stashes them likewise).
    private List<SystemMessage>? _deferred;

    private void ProcessSystemMessages()
    {
        SystemMessage? pending = _systemMailbox.TakeAll();
        while (pending is not null)
        {
            SystemMessage message = pending;
            pending = message.Next;
            message.Next = null;

            if ((Volatile.Read(ref _status) & ClosedFlag) != 0)
                HandleAfterClose(message);
            else if (message is Failed && !IsRunningNormally)
                (_deferred ??= []).Add(message);
            else
                SystemInvoke(message);

            if (_deferred is { Count: > 0 } && IsRunningNormally && (Volatile.Read(ref _status) & ClosedFlag) == 0)
            {
                for (int i = _deferred.Count - 1; i >= 0; i--)
                {
                    _deferred[i].Next = pending;
                    pending = _deferred[i];
                }

                _deferred.Clear();
            }

            pending ??= _systemMailbox.TakeAll();
        }
    }

    private bool IsRunningNormally => _perpetrator is null && _childrenTermination is null;

    private void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case SystemMessages.Create:
                    Create();
                    break;
                case Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case Suspend:
                    FaultSuspend();
                    break;
                case Resume resume:
                    FaultResume(resume.CausedByFailure);
                    break;
                case SystemMessages.Terminate:
                    Terminate();
                    break;
                case Watch watch:
                    AddWatcher(watch.Watchee, watch.Watcher);
                    break;
                case Unwatch unwatch:
                    RemoveWatcher(unwatch.Watchee, unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    WatchedActorTerminated(notification.Actor, notification.ExistenceConfirmed);
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
    }

    /// <summary>A stopped actor still answers a watch (at once) so that nobody waits forever for its Terminated.</summary>
    private void HandleAfterClose(SystemMessage message)
    {
        if (message is Watch watch && ReferenceEquals(watch.Watchee, _self) && !ReferenceEquals(watch.Watcher, _self))
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(_self, existenceConfirmed: false));
    }
}
