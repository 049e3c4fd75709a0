using Akka.Actor;
using Microsoft.Extensions.Logging;
using RingKernel.Kernels.Actors;

namespace ActorHosting;

/// <summary>Tells each kernel launch and release that kernel actors publish on the event stream (subscribe it before they start).</summary>
public sealed partial class KernelLaunchReporter : ReceiveActor
{
    public KernelLaunchReporter(ILogger logger)
    {
        Receive<KernelLaunched>(launched =>
        {
            if (launched.Launch == 1)
                LogLaunched(logger, launched.KernelName);
            else
                LogRelaunched(logger, launched.KernelName, launched.Launch);
        });
        Receive<KernelReleased>(released => LogReleased(logger, released.KernelName));
    }

    public static Props Props(ILogger logger) => Akka.Actor.Props.Create(() => new KernelLaunchReporter(logger));

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "kernel '{Kernel}' launched")]
    private static partial void LogLaunched(ILogger logger, string kernel);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "kernel '{Kernel}' relaunched (launch {Launch}) over the same rings: no queued message lost")]
    private static partial void LogRelaunched(ILogger logger, string kernel, int launch);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "kernel '{Kernel}' ended; every request it held is answered and its memory is freed")]
    private static partial void LogReleased(ILogger logger, string kernel);
}
