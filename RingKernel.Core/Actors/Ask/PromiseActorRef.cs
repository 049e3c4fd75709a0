using RingKernel.Actors.SystemMessages;

namespace RingKernel.Actors.Ask;

/// <summary>
/// The temporary sender of an <c>Ask</c>: the first reply completes the task (a <see cref="Status.Failure"/>
/// fails it with its cause, a reply of the wrong type fails it with <see cref="InvalidCastException"/>);
/// the timeout and the cancellation token fail it too. Later replies go to dead letters. Continuations run
/// asynchronously, never on the replying actor's thread. The promise is the task's completion source
/// itself, so an Ask allocates the promise and its task, plus a timer only when it has a timeout.
/// </summary>
internal sealed class PromiseActorRef<T> : TaskCompletionSource<T>, IInternalActorRef
{
    private readonly ActorSystem _system;
    private readonly IActorRef _target;
    private TimeSpan _timeout;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;
    private ActorPath? _path;
    private int _claimed;

    public PromiseActorRef(ActorSystem system, IActorRef target)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _system = system;
        _target = target;
    }

    public ActorPath Path => _path ??= _system.NewTempPath();

    public bool IsTerminated => Task.IsCompleted;

    public ActorSystem System => _system;

    /// <summary>Arms the timeout and the cancellation; call before the question is told.</summary>
    public void Arm(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (timeout is { } due && due != Timeout.InfiniteTimeSpan)
        {
            _timeout = due;
            _timer = _system.TimeProvider.CreateTimer(
                static state => ((PromiseActorRef<T>)state!).OnTimeout(), this, due, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((PromiseActorRef<T>)state!).OnCanceled(token), this);
        }
    }

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TryClaim())
        {
            _system.PublishDeadLetter(message, sender, this);
            return;
        }

        Release();
        switch (message)
        {
            case Status.Failure failure when typeof(T) != typeof(Status.Failure):
                SetException(failure.Cause);
                break;
            case T reply:
                SetResult(reply);
                break;
            default:
                SetException(new InvalidCastException(
                    $"Ask<{typeof(T).Name}> to {_target} was answered with {message.GetType().Name}: {message}"));
                break;
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch && IsTerminated)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
    }

    private void OnTimeout()
    {
        if (!TryClaim())
            return;
        Release();
        SetException(new AskTimeoutException($"Ask timed out on {_target} after {_timeout}."));
    }

    private void OnCanceled(CancellationToken token)
    {
        if (!TryClaim())
            return;
        // The registration goes with its token source; only the timer needs releasing here.
        _timer?.Dispose();
        SetCanceled(token);
    }

    /// <summary>One outcome wins; its resources are released before the waiting code can observe it.</summary>
    private bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    private void Release()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
    }

    public override string ToString() => $"[{Path}]";
}
