using RingKernel.Actors.Scheduling;

namespace RingKernel.Actors.Supervision;

/// <summary>
/// Runs one child and recreates it after an exponentially growing delay when it fails or stops (see
/// <see cref="BackoffOptions"/>), so a failing dependency is not hammered with restarts. Every other
/// message is forwarded to the child, or goes to dead letters while there is none. Ask it
/// <see cref="GetCurrentChild"/> or <see cref="GetRestartCount"/>; a child sends <see cref="Reset"/> to
/// reset the count under manual reset.
/// </summary>
public sealed class BackoffSupervisor : ActorBase
{
    private readonly BackoffOptions _options;
    private readonly List<ICancelable> _timers = [];
    private IActorRef? _child;
    private int _restartCount;
    private bool _stoppedForBackoff;

    private BackoffSupervisor(BackoffOptions options)
    {
        _options = options;
    }

    /// <summary>Asks for the current child; the reply is a <see cref="CurrentChild"/>.</summary>
    public static object GetCurrentChild { get; } = new GetCurrentChildRequest();

    /// <summary>Asks for the restart count; the reply is a <see cref="RestartCount"/>.</summary>
    public static object GetRestartCount { get; } = new GetRestartCountRequest();

    /// <summary>Resets the restart count (manual reset mode).</summary>
    public static object Reset { get; } = new ResetRequest();

    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RingKernel.Actors.Props.Create(() => new BackoffSupervisor(options));
    }

    protected override void PreStart() => StartChild();

    protected override void PostStop()
    {
        foreach (ICancelable timer in _timers)
            timer.Cancel();
        _timers.Clear();
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        _options.Mode == BackoffMode.OnStop
            ? new OneForOneStrategy(_options.Decider)
            : new OneForOneStrategy(cause =>
            {
                Directive directive = _options.Decider(cause);
                if (directive != Directive.Restart)
                    return directive;
                _stoppedForBackoff = true;
                return Directive.Stop;
            });

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Terminated terminated when terminated.ActorRef.Equals(_child):
                _child = null;
                if (_options.Mode == BackoffMode.OnStop || _stoppedForBackoff)
                    ScheduleRestart();
                else
                    Context.Stop(Self);
                _stoppedForBackoff = false;
                return true;
            case StartChildRequest:
                if (_child is null)
                    StartChild();
                return true;
            case ResetRestartCountRequest reset:
                if (reset.Generation == _restartCount)
                    _restartCount = 0;
                return true;
            case ResetRequest when _options.ResetBackoff is null:
                _restartCount = 0;
                return true;
            case GetCurrentChildRequest:
                Sender.Tell(new CurrentChild(_child), Self);
                return true;
            case GetRestartCountRequest:
                Sender.Tell(new RestartCount(_restartCount), Self);
                return true;
            case Terminated:
                return false;
            default:
                if (_child is not null)
                    _child.Forward(message);
                else
                    Context.System.DeadLetters.Tell(message, Sender);
                return true;
        }
    }

    private void StartChild()
    {
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        if (_options.ResetBackoff is { } reset)
            Schedule(reset, new ResetRestartCountRequest(_restartCount));
    }

    private void ScheduleRestart()
    {
        if (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries)
        {
            Context.Stop(Self);
            return;
        }

        TimeSpan delay = _options.DelayFor(_restartCount, Random.Shared.NextDouble());
        _restartCount++;
        Schedule(delay, new StartChildRequest());
    }

    private void Schedule(TimeSpan delay, object message)
    {
        _timers.RemoveAll(t => t.IsCancellationRequested);
        _timers.Add(Context.System.Scheduler.ScheduleTellOnce(delay, Self, message, Self));
    }

    /// <summary>Reply to <see cref="GetCurrentChild"/>: the running child, or null while it is backing off.</summary>
    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Reply to <see cref="GetRestartCount"/>.</summary>
    public sealed record RestartCount(int Count);

    private sealed record GetCurrentChildRequest;

    private sealed record GetRestartCountRequest;

    private sealed record ResetRequest;

    private sealed record StartChildRequest;

    private sealed record ResetRestartCountRequest(int Generation);
}
