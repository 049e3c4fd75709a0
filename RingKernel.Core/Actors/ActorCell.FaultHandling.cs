using RingKernel.Actors.Events;
using RingKernel.Actors.Supervision;
using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors;

/// <summary>
/// Creation, failure, restart and termination of <see cref="ActorCell"/>, following Akka.NET's
/// FaultHandling: a failing actor suspends itself and its children and reports <see cref="Failed"/> to
/// its parent; the parent's strategy answers with Resume, Recreate or Terminate (or escalates by failing
/// itself); restart and stop wait for the children being stopped before they complete.
/// </summary>
internal sealed partial class ActorCell
{
    // Non-null while failed: the actor itself, or the child whose failure this actor escalated; also set
    // while terminating, so that failures during shutdown are not reported.
    private IActorRef? _perpetrator;
    private object? _failedMessage;
    private bool _isTerminating;

    private void Create()
    {
        try
        {
            _actor = NewActor();
            _actor.InvokePreStart();
        }
        catch (Exception e)
        {
            _actor = null;
            HandleInvokeFailure(new ActorInitializationException(_self, $"Exception while creating {Path}: {e.Message}", e), null);
        }
    }

    /// <summary>
    /// Suspends this actor and its children and tells the parent, unless already failed or terminating;
    /// <paramref name="failedMessage"/> is the user message being processed, if any (for PreRestart).
    /// </summary>
    private void HandleInvokeFailure(Exception cause, IActorRef? escalatingChild, object? failedMessage = null)
    {
        if (_perpetrator is not null)
            return;
        SuspendSelf();
        _perpetrator = escalatingChild ?? _self;
        _failedMessage = failedMessage;
        SuspendChildren(except: escalatingChild);
        _parent.SendSystemMessage(new Failed(_self, cause));
    }

    private void ClearFailed()
    {
        _perpetrator = null;
        _failedMessage = null;
    }

    private void FaultSuspend()
    {
        SuspendSelf();
        SuspendChildren(except: null);
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_actor is null && !_isTerminating)
        {
            // Resuming an actor whose creation failed means creating it again (Akka does the same).
            FaultCreate();
            return;
        }

        IActorRef? perpetrator = _perpetrator;
        ResumeSelf();
        if (causedByFailure is not null)
            ClearFailed();
        ResumeChildren(causedByFailure, perpetrator);
    }

    private void FaultCreate()
    {
        StopAllChildren();
        if (!SetChildrenTerminationReason(ChildrenTerminationReason.Creation))
            FinishCreate();
    }

    private void FinishCreate()
    {
        ResumeSelf();
        ClearFailed();
        Create();
    }

    private void FaultRecreate(Exception cause)
    {
        if (_actor is null && !_isTerminating)
        {
            FaultCreate();
            return;
        }

        if (_isTerminating || _actor is null)
        {
            // Keep the suspend count balanced; a stopping actor is not restarted.
            FaultResume(null);
            return;
        }

        ActorBase failed = _actor;
        try
        {
            failed.InvokePreRestart(cause, _failedMessage);
        }
        catch (Exception e)
        {
            PublishError(e, $"PreRestart of {Path} threw; restarting anyway");
        }

        _behaviorStack?.Clear();
        if (!SetChildrenTerminationReason(ChildrenTerminationReason.Recreation(cause)))
            FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        IReadOnlyList<IActorRef> survivors = ChildrenSnapshot();
        ResumeSelf();
        ClearFailed();
        try
        {
            _actor = null;
            ActorBase fresh = NewActor();
            _actor = fresh;
            fresh.InvokePostRestart(cause);
            // Children the old instance kept (a custom PreRestart) were suspended with it; they restart now.
            foreach (IActorRef child in survivors)
                ((IInternalActorRef)child).SendSystemMessage(new Recreate(cause));
        }
        catch (Exception e)
        {
            _actor = null;
            HandleInvokeFailure(new ActorInitializationException(_self, $"Exception while restarting {Path}: {e.Message}", e), null);
        }
    }

    private void HandleFailed(Failed failed)
    {
        ChildRestartStats? stats = ChildStats(failed.Child);
        if (stats is null)
            return; // From a child that has stopped meanwhile (or an earlier incarnation): nothing to decide.

        _currentSender = failed.Child;
        try
        {
            SupervisorStrategy strategy = _actor?.SupervisorStrategyInternal ?? SupervisorStrategy.DefaultStrategy;
            if (!strategy.HandleFailure(this, failed.Child, failed.Cause, stats, AllChildStats()))
                HandleInvokeFailure(failed.Cause, failed.Child);
        }
        finally
        {
            _currentSender = null;
        }
    }

    private void Terminate()
    {
        if (_isTerminating)
            return;
        UnwatchWatchedActors();
        IReadOnlyList<IActorRef> children;
        bool waitForChildren;
        lock (_childrenLock)
        {
            _isTerminating = true;
            children = ChildrenSnapshotLocked();
            foreach (IActorRef child in children)
                (_toDie ??= []).Add(child);
            waitForChildren = _toDie is { Count: > 0 };
            if (waitForChildren)
                _childrenTermination = ChildrenTerminationReason.Termination;
        }

        foreach (IActorRef child in children)
            ((IInternalActorRef)child).SendSystemMessage(new Terminate());

        if (waitForChildren)
        {
            SuspendSelf();
            _perpetrator = _self;
        }
        else
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        ActorBase? actor = _actor;
        try
        {
            actor?.InvokePostStop();
        }
        catch (Exception e)
        {
            PublishError(e, $"PostStop of {Path} threw");
        }
        finally
        {
            _actor = null;
            _behaviorStack = null;
            Interlocked.Or(ref _status, ClosedFlag);
            _parent.SendSystemMessage(new DeathWatchNotification(_self, existenceConfirmed: true));
            TellWatchersWeDied();
            UnwatchWatchedActors();
            _system.EventStream.Unsubscribe(_self);
        }
    }

    private void PublishError(Exception cause, string message) =>
        new LoggingAdapter(_system, Path.ToString(), _props.ActorType).Error(cause, message);
}
