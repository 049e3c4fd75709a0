using RingKernel.Actors;
using RingKernel.Actors.Events;

namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>
/// One pair of actors, one message in flight: every round trip is two deliveries to an idle actor, so
/// this measures scheduling latency (the cost of waking an actor) more than raw queueing.
/// </summary>
internal static class PingPongBenchmark
{
    public static double OursRoundTripsPerSecond(TimeSpan warmup, TimeSpan window)
    {
        using var stop = new CancellationTokenSource();
        ActorSystem system = ActorSystem.Create("pingpong", new ActorSystemSettings { StandardOutLogLevel = ActorLogLevel.Off });
        var roundTrips = new Counter();
        IActorRef ponger = system.ActorOf(Props.Create(() => new Ponger()));
        IActorRef pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, roundTrips, stop.Token)));
        ponger.Tell(Ball.Instance, pinger);
        double rate = RateMeasurement.PerSecond([roundTrips], warmup, window);
        stop.Cancel();
        system.Terminate().Wait();
        return rate;
    }

    public static double BaselineRoundTripsPerSecond(TimeSpan warmup, TimeSpan window)
    {
        using var stop = new CancellationTokenSource();
        var roundTrips = new Counter();
        var ponger = new ChannelPonger();
        var pinger = new ChannelPinger(ponger, roundTrips, stop.Token);
        ponger.Start();
        pinger.Start();
        ponger.Tell(Ball.Instance, pinger);
        double rate = RateMeasurement.PerSecond([roundTrips], warmup, window);
        stop.Cancel();
        Task.WaitAll(pinger.StopAsync(), ponger.StopAsync());
        return rate;
    }

    private sealed class Pinger : ReceiveActor
    {
        public Pinger(IActorRef ponger, Counter roundTrips, CancellationToken stop)
        {
            Receive<Ball>(ball =>
            {
                roundTrips.Increment();
                if (!stop.IsCancellationRequested)
                    ponger.Tell(ball, Self);
            });
        }
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Ball>(ball => Sender.Tell(ball, Self));
    }

    private sealed class ChannelPinger(ChannelActor ponger, Counter roundTrips, CancellationToken stop) : ChannelActor
    {
        protected override void Handle(object message, ChannelActor? sender)
        {
            roundTrips.Increment();
            if (!stop.IsCancellationRequested)
                ponger.Tell(message, this);
        }
    }

    private sealed class ChannelPonger : ChannelActor
    {
        protected override void Handle(object message, ChannelActor? sender) => sender!.Tell(message, this);
    }
}
