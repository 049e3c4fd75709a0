using Akka;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorHosting;

/// <summary>
/// Tells that the host runs and how it stops. The graceful stop is told from coordinated shutdown (which Akka.Hosting runs when the host stops): first
/// the client stops asking, then RingKernel's own task stops every kernel actor and waits until each kernel
/// has ended and its memory is freed (phase before-actor-system-terminate), then the system terminates.
/// </summary>
public static partial class LifetimeNarrator
{
    private static readonly TimeSpan ClientStopTimeout = TimeSpan.FromSeconds(5);

    public static void Register(ActorSystem system, IActorRef client, ILogger logger)
    {
        LogRunning(logger);
        CoordinatedShutdown shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "stop-client", async () =>
        {
            LogStopping(logger);
            await client.GracefulStop(ClientStopTimeout).ConfigureAwait(false);
            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "report-terminating", () =>
        {
            LogTerminating(logger);
            return Task.FromResult(Done.Instance);
        });
    }

    [LoggerMessage(EventId = 29, Level = LogLevel.Information, Message = "running: the client asks every half second; Ctrl+C stops the host")]
    private static partial void LogRunning(ILogger logger);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "stopping: the client stops asking; coordinated shutdown stops the kernel actor")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "stopped: the actor system terminates")]
    private static partial void LogTerminating(ILogger logger);
}
