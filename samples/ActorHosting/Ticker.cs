using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.Actors.Scheduling;

namespace ActorHosting;

/// <summary>Ticks once a second on the system scheduler and passes each tick on to the counter.</summary>
public sealed class Ticker : ReceiveActor
{
    private readonly LoggingAdapter _log;
    private ICancelable? _ticks;

    public Ticker(IActorRef counter)
    {
        _log = Context.GetLogger();
        Receive<Tick>(tick => counter.Tell(tick, Self));
    }

    protected override void PreStart() =>
        _ticks = Context.System.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), Self, Tick.Instance, Self);

    protected override void PostStop()
    {
        _ticks?.Cancel();
        _log.Info("Ticker stopped; no more ticks are scheduled.");
    }
}
