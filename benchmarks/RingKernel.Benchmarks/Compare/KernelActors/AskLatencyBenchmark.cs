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
            return Task.Run(async () =>
            {
                KernelRef<Sample, Sample> echo = await kernel.GetKernelRefAsync<Sample, Sample>().ConfigureAwait(false);
                for (int i = 0; i < warmup; i++)
                    Check(await echo.Ask(new Sample(i), ReplyTimeout).ConfigureAwait(false), i);
                var ticks = new long[samples];
                for (int i = 0; i < samples; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    Sample reply = await echo.Ask(new Sample(i), ReplyTimeout).ConfigureAwait(false);
                    ticks[i] = Stopwatch.GetTimestamp() - start;
                    Check(reply, i);
                }

                return ticks;
            }).GetAwaiter().GetResult();
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
            return Task.Run(async () =>
            {
                for (int i = 0; i < warmup; i++)
                    Check(await echo.Ask<Sample>(new Sample(i), ReplyTimeout).ConfigureAwait(false), i);
                var ticks = new long[samples];
                for (int i = 0; i < samples; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    Sample reply = await echo.Ask<Sample>(new Sample(i), ReplyTimeout).ConfigureAwait(false);
                    ticks[i] = Stopwatch.GetTimestamp() - start;
                    Check(reply, i);
                }

                return ticks;
            }).GetAwaiter().GetResult();
        }
        finally
        {
            BenchmarkActorSystem.Shutdown(system);
        }
    }

    private static void Check(Sample reply, long expected)
    {
        if (reply.Value != expected)
            throw new InvalidOperationException($"The echo replied {reply.Value} to {expected}.");
    }
}
