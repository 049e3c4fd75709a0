using System.Diagnostics;
using RingKernel.Actors;
using RingKernel.Actors.Events;

namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>
/// Sequential request-reply from one async caller: each sample is one <c>await Ask</c> (ours) or one
/// awaited TaskCompletionSource reply through a channel actor (baseline), start to continuation.
/// </summary>
internal static class AskLatencyBenchmark
{
    public static long[] Ours(int warmup, int samples)
    {
        ActorSystem system = ActorSystem.Create("ask", new ActorSystemSettings { StandardOutLogLevel = ActorLogLevel.Off });
        IActorRef responder = system.ActorOf(Props.Create(() => new Responder()));
        long[] ticks = Task.Run(async () =>
        {
            var result = new long[samples];
            for (int i = 0; i < warmup; i++)
                await responder.Ask<Ball>(Ball.Instance).ConfigureAwait(false);
            for (int i = 0; i < samples; i++)
            {
                long start = Stopwatch.GetTimestamp();
                await responder.Ask<Ball>(Ball.Instance).ConfigureAwait(false);
                result[i] = Stopwatch.GetTimestamp() - start;
            }

            return result;
        }).GetAwaiter().GetResult();
        system.Terminate().Wait();
        return ticks;
    }

    public static long[] Baseline(int warmup, int samples)
    {
        var responder = new ChannelResponder();
        responder.Start();
        long[] ticks = Task.Run(async () =>
        {
            var result = new long[samples];
            for (int i = 0; i < warmup; i++)
                await AskAsync(responder).ConfigureAwait(false);
            for (int i = 0; i < samples; i++)
            {
                long start = Stopwatch.GetTimestamp();
                await AskAsync(responder).ConfigureAwait(false);
                result[i] = Stopwatch.GetTimestamp() - start;
            }

            return result;
        }).GetAwaiter().GetResult();
        responder.StopAsync().Wait();
        return ticks;
    }

    private static Task<object> AskAsync(ChannelActor responder)
    {
        var request = new Request(Ball.Instance, new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
        responder.Tell(request, null);
        return request.Reply.Task;
    }

    private sealed record Request(object Payload, TaskCompletionSource<object> Reply);

    private sealed class Responder : ReceiveActor
    {
        public Responder() => Receive<Ball>(ball => Sender.Tell(ball, Self));
    }

    private sealed class ChannelResponder : ChannelActor
    {
        protected override void Handle(object message, ChannelActor? sender)
        {
            var request = (Request)message;
            request.Reply.TrySetResult(request.Payload);
        }
    }
}
