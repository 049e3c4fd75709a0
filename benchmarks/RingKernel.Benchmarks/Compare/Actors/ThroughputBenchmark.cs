using RingKernel.Actors;
using RingKernel.Actors.Events;

namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>
/// Two pairs of actors with 1,000 messages in flight per pair, each actor bouncing every message back to
/// its sender: mailboxes stay busy, so this measures queueing, dispatch and batching.
/// </summary>
internal static class ThroughputBenchmark
{
    public const int Pairs = 2;
    public const int InFlight = 1000;

    public static RateMeasurement.Rate Ours(TimeSpan warmup, TimeSpan window, int throughput)
    {
        using var stop = new CancellationTokenSource();
        ActorSystem system = ActorSystem.Create("throughput", new ActorSystemSettings { Throughput = throughput, StandardOutLogLevel = ActorLogLevel.Off });
        var counters = new List<Counter>();
        for (int pair = 0; pair < Pairs; pair++)
        {
            var a = new Counter();
            var b = new Counter();
            counters.Add(a);
            counters.Add(b);
            IActorRef left = system.ActorOf(Props.Create(() => new Bouncer(a, stop.Token)));
            IActorRef right = system.ActorOf(Props.Create(() => new Bouncer(b, stop.Token)));
            for (int i = 0; i < InFlight; i++)
                right.Tell(Ball.Instance, left);
        }

        RateMeasurement.Rate rate = RateMeasurement.Measure(counters, warmup, window);
        stop.Cancel();
        system.Terminate().Wait();
        return rate;
    }

    public static RateMeasurement.Rate Baseline(TimeSpan warmup, TimeSpan window)
    {
        using var stop = new CancellationTokenSource();
        var counters = new List<Counter>();
        var actors = new List<ChannelActor>();
        for (int pair = 0; pair < Pairs; pair++)
        {
            var a = new Counter();
            var b = new Counter();
            counters.Add(a);
            counters.Add(b);
            var left = new ChannelBouncer(a, stop.Token);
            var right = new ChannelBouncer(b, stop.Token);
            actors.Add(left);
            actors.Add(right);
            left.Start();
            right.Start();
            for (int i = 0; i < InFlight; i++)
                right.Tell(Ball.Instance, left);
        }

        RateMeasurement.Rate rate = RateMeasurement.Measure(counters, warmup, window);
        stop.Cancel();
        Task.WaitAll(actors.Select(a => a.StopAsync()).ToArray());
        return rate;
    }

    private sealed class Bouncer : ReceiveActor
    {
        public Bouncer(Counter processed, CancellationToken stop)
        {
            Receive<Ball>(ball =>
            {
                processed.Increment();
                if (!stop.IsCancellationRequested)
                    Sender.Tell(ball, Self);
            });
        }
    }

    private sealed class ChannelBouncer(Counter processed, CancellationToken stop) : ChannelActor
    {
        protected override void Handle(object message, ChannelActor? sender)
        {
            processed.Increment();
            if (!stop.IsCancellationRequested)
                sender!.Tell(message, this);
        }
    }
}
