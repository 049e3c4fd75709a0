using System.Diagnostics;
using Akka.Actor;
using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>
/// Restart latency under a parent's OneForOneStrategy(Restart): the caller sends a poison sample and,
/// right behind it, a normal one; each sample times from the consumer's throw on the poison (stamped
/// just before it) to the caller's continuation with the reply to the normal one, and checks that
/// reply's value and, at the end, that every poison caused exactly one restart. Ours: both go through
/// <see cref="KernelRef{TRequest, TReply}.Ask"/> into a CPU echo ring kernel whose body throws on the
/// poison: the kernel faults, its actor throws <c>KernelFaultedException</c>, the restarted actor
/// retires the faulted kernel (answering the poison's Ask with a <see cref="KernelRequestFailedException"/>,
/// which is checked) and launches a fresh one over the same rings, which answers the queued sample.
/// The kernel runs on a thread of its own per launch, or as a coroutine on the backend's shared workers.
/// Baseline: <c>Tell</c> of the poison and <c>Ask</c> of the sample to a plain Akka.NET actor that throws.
/// </summary>
internal static class RestartLatencyBenchmark
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    /// <param name="backend">The CPU backend.</param>
    /// <param name="echo">The echo kernel: <see cref="BenchmarkKernels.Echo"/> or <see cref="BenchmarkKernels.CooperativeEcho"/>.</param>
    /// <param name="warmup">Restarts before the measured ones.</param>
    /// <param name="samples">Restarts measured.</param>
    public static long[] Ours(CpuBackend backend, KernelDefinition<FaultClock> echo, int warmup, int samples)
    {
        var clock = new FaultClock();
        Props kernel = KernelActor.Props(backend, echo, clock.Started, BenchmarkKernels.ActorOptions());
        return Measure("kernel-restart", kernel, clock, warmup, samples, async child =>
        {
            KernelRef<Sample, Sample> kref = await child.GetKernelRefAsync<Sample, Sample>().ConfigureAwait(false);
            return async value =>
            {
                ValueTask<Sample> poisoned = kref.Ask(new Sample(Sample.Poison), ReplyTimeout);
                Sample reply = await kref.Ask(new Sample(value), ReplyTimeout).ConfigureAwait(false);
                long repliedAt = Stopwatch.GetTimestamp();
                try
                {
                    await poisoned.ConfigureAwait(false);
                }
                catch (KernelRequestFailedException)
                {
                    return (reply, repliedAt);
                }

                throw new InvalidOperationException("The kernel answered the poison sample instead of faulting on it.");
            };
        });
    }

    public static long[] Baseline(int warmup, int samples)
    {
        var clock = new FaultClock();
        return Measure("akka-restart", Props.Create(() => new FragileActor(clock)), clock, warmup, samples, child =>
            Task.FromResult<Func<long, Task<(Sample, long)>>>(async value =>
            {
                child.Tell(new Sample(Sample.Poison), ActorRefs.NoSender);
                Sample reply = await child.Ask<Sample>(new Sample(value), ReplyTimeout).ConfigureAwait(false);
                return (reply, Stopwatch.GetTimestamp());
            }));
    }

    /// <summary>
    /// Runs <paramref name="warmup"/> then <paramref name="samples"/> poison-then-sample rounds against the
    /// child made from <paramref name="child"/>; <paramref name="connect"/> gives the round for that child,
    /// which returns the reply and when it reached the caller.
    /// </summary>
    private static long[] Measure(
        string systemName, Props child, FaultClock clock, int warmup, int samples, Func<IActorRef, Task<Func<long, Task<(Sample Reply, long RepliedAt)>>>> connect)
    {
        ActorSystem system = BenchmarkActorSystem.Create(systemName);
        try
        {
            IActorRef supervisor = system.ActorOf(Props.Create(() => new RestartingSupervisor(child)), "supervisor");
            long[] ticks = Task.Run(async () =>
            {
                IActorRef fragile = await supervisor.Ask<IActorRef>(RestartingSupervisor.GetChild.Instance, ReplyTimeout).ConfigureAwait(false);
                Func<long, Task<(Sample Reply, long RepliedAt)>> poisonThenAsk = await connect(fragile).ConfigureAwait(false);
                for (int i = 0; i < warmup; i++)
                    Check((await poisonThenAsk(i).ConfigureAwait(false)).Reply, i);
                var result = new long[samples];
                for (int i = 0; i < samples; i++)
                {
                    (Sample reply, long repliedAt) = await poisonThenAsk(i).ConfigureAwait(false);
                    result[i] = repliedAt - clock.ThrownAt;
                    Check(reply, i);
                }

                return result;
            }).GetAwaiter().GetResult();

            int restarts = clock.Starts - 1;
            if (restarts != warmup + samples)
                throw new InvalidOperationException($"{warmup + samples} poison samples caused {restarts} restarts.");
            return ticks;
        }
        finally
        {
            BenchmarkActorSystem.Shutdown(system);
        }
    }

    private static void Check(Sample reply, long expected)
    {
        if (reply.Value != expected)
            throw new InvalidOperationException($"The restarted consumer replied {reply.Value} to {expected}.");
    }
}
