using System.Collections.Concurrent;
using System.Diagnostics;
using RingKernel.Actors;
using RingKernel.Actors.Events;

namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>
/// Restart latency: from the throw in a child to its replacement handling the message queued behind the
/// failing one. Ours: the default strategy of the parent restarts the child (failure reported to the
/// parent, decision, new instance, PostRestart, resume). Baseline: the channel actor reports the failure
/// to a supervisor channel actor, waits for its decision, replaces its state and continues.
/// </summary>
internal static class RestartLatencyBenchmark
{
    public static long[] Ours(int warmup, int samples)
    {
        ActorSystem system = ActorSystem.Create("restart", new ActorSystemSettings { StandardOutLogLevel = ActorLogLevel.Off });
        using var results = new BlockingCollection<long>();
        var clock = new ThrowClock();
        IActorRef fragile = system.ActorOf(Props.Create(() => new Fragile(clock, results)));
        long[] ticks = Run(warmup, samples, results, () =>
        {
            fragile.Tell(Boom.Instance, null);
            fragile.Tell(Next.Instance, null);
        });
        system.Terminate().Wait();
        return ticks;
    }

    public static long[] Baseline(int warmup, int samples)
    {
        using var results = new BlockingCollection<long>();
        var clock = new ThrowClock();
        var supervisor = new ChannelSupervisor();
        var fragile = new ChannelFragile(supervisor, clock, results);
        supervisor.Start();
        fragile.Start();
        long[] ticks = Run(warmup, samples, results, () =>
        {
            fragile.Tell(Boom.Instance, null);
            fragile.Tell(Next.Instance, null);
        });
        Task.WaitAll(fragile.StopAsync(), supervisor.StopAsync());
        return ticks;
    }

    private static long[] Run(int warmup, int samples, BlockingCollection<long> results, Action failOnceThenNext)
    {
        for (int i = 0; i < warmup; i++)
        {
            failOnceThenNext();
            results.Take();
        }

        var ticks = new long[samples];
        for (int i = 0; i < samples; i++)
        {
            failOnceThenNext();
            ticks[i] = results.Take();
        }

        return ticks;
    }

    private sealed class Boom
    {
        public static readonly Boom Instance = new();
    }

    private sealed class Next
    {
        public static readonly Next Instance = new();
    }

    /// <summary>When the last failure was thrown.</summary>
    private sealed class ThrowClock
    {
        public long ThrownAt;
    }

    private sealed class FragileException() : Exception("restart benchmark");

    private sealed class Fragile : ReceiveActor
    {
        public Fragile(ThrowClock clock, BlockingCollection<long> results)
        {
            Receive<Boom>(_ =>
            {
                clock.ThrownAt = Stopwatch.GetTimestamp();
                throw new FragileException();
            });
            Receive<Next>(_ => results.Add(Stopwatch.GetTimestamp() - clock.ThrownAt));
        }
    }

    private sealed record ChildFailed(ChannelFragile Child, Exception Cause);

    private sealed class ChannelSupervisor : ChannelActor
    {
        protected override void Handle(object message, ChannelActor? sender) => ((ChildFailed)message).Child.Restart();
    }

    private sealed class ChannelFragile(ChannelSupervisor supervisor, ThrowClock clock, BlockingCollection<long> results) : ChannelActor
    {
        private TaskCompletionSource _decision = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private object _state = new();

        public void Restart() => _decision.TrySetResult();

        protected override void Handle(object message, ChannelActor? sender)
        {
            if (message is Boom)
            {
                clock.ThrownAt = Stopwatch.GetTimestamp();
                throw new FragileException();
            }

            GC.KeepAlive(_state);
            results.Add(Stopwatch.GetTimestamp() - clock.ThrownAt);
        }

        protected override async Task OnFailureAsync(Exception cause)
        {
            _decision = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            supervisor.Tell(new ChildFailed(this, cause), this);
            await _decision.Task.ConfigureAwait(false);
            _state = new object();
        }
    }
}
