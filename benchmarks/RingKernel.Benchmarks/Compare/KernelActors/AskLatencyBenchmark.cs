using System.Diagnostics;
using Akka.Actor;
using RingKernel.Cpu;
using RingKernel.Kernels.Actors;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>
/// Sequential request-reply from a caller outside any actor, one request in flight: each sample is one
/// awaited Ask, from just before the call to its continuation, and every reply is checked to carry the
/// request's value. Ours: <see cref="KernelRef{TRequest, TReply}.Ask"/> into a CPU echo ring kernel (the
/// request written into the input ring from the caller's thread, the reply completed by the output pump).
/// Baseline: <c>actor.Ask&lt;Sample&gt;(sample)</c> to a plain Akka.NET echo actor. Both callers are one
/// async loop started on the thread pool; each side's continuations run where that side's defaults put
/// them (ours on the output pump's thread, <see cref="KernelActorOptions.AskContinuationsOnPump"/>).
/// </summary>
internal static class AskLatencyBenchmark
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    public static long[] Ours(CpuBackend backend, int warmup, int samples)
    {
        var system = BenchmarkActorSystem.Create("kernel-ask");
        try
        {
            IActorRef kernel = system.ActorOf(KernelActor.Props(backend, BenchmarkKernels.Echo(1024), new FaultClock(), BenchmarkKernels.ActorOptions()), "echo");
            KernelRef<Sample, Sample> echo = kernel.GetKernelRefAsync<Sample, Sample>().GetAwaiter().GetResult();
            return Measure(warmup, samples, value => echo.Ask(new Sample(value), ReplyTimeout));
        }
        finally
        {
            BenchmarkActorSystem.Shutdown(system);
        }
    }

    public static long[] Baseline(int warmup, int samples)
    {
        var system = BenchmarkActorSystem.Create("akka-ask");
        try
        {
            IActorRef echo = system.ActorOf(Props.Create(() => new EchoActor()), "echo");
            return Measure(warmup, samples, value => new ValueTask<Sample>(echo.Ask<Sample>(new Sample(value), ReplyTimeout)));
        }
        finally
        {
            BenchmarkActorSystem.Shutdown(system);
        }
    }

    /// <summary>One async loop on the thread pool: <paramref name="warmup"/> asks, then <paramref name="samples"/> timed ones, each reply checked.</summary>
    private static long[] Measure(int warmup, int samples, Func<long, ValueTask<Sample>> ask) =>
        Task.Run(async () =>
        {
            for (int i = 0; i < warmup; i++)
                Check(await ask(i).ConfigureAwait(false), i);
            var ticks = new long[samples];
            for (int i = 0; i < samples; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Sample reply = await ask(i).ConfigureAwait(false);
                ticks[i] = Stopwatch.GetTimestamp() - start;
                Check(reply, i);
            }

            return ticks;
        }).GetAwaiter().GetResult();

    private static void Check(Sample reply, long expected)
    {
        if (reply.Value != expected)
            throw new InvalidOperationException($"The echo replied {reply.Value} to {expected}.");
    }
}
