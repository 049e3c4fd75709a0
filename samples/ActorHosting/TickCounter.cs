using RingKernel.Actors;
using RingKernel.Actors.Events;

namespace ActorHosting;

/// <summary>
/// Counts ticks, and fails on every fifth one to show supervision: its backoff supervisor stops it and
/// starts a fresh counter after a growing delay, while ticks in between go to dead letters (and the log).
/// </summary>
public sealed class TickCounter : ReceiveActor
{
    private readonly LoggingAdapter _log;
    private int _count;

    public TickCounter()
    {
        _log = Context.GetLogger();
        Receive<Tick>(_ =>
        {
            _count++;
            if (_count % 5 == 0)
                throw new InvalidOperationException($"the counter trips on tick {_count}");
            _log.Info($"tick {_count}");
        });
        Receive<GetCount>(_ => Sender.Tell(_count, Self));
    }

    protected override void PreStart() => _log.Info("Counter started.");

    protected override void PostStop() => _log.Info($"Counter stopped at {_count}.");
}
