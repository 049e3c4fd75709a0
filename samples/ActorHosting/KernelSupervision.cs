using Akka.Actor;
using Microsoft.Extensions.Logging;
using RingKernel.Kernels.Persistent;

namespace ActorHosting;

/// <summary>
/// The strategy of the tripler's supervisor: a kernel fault restarts the kernel actor, which relaunches the
/// kernel over the same rings. It says so in one line instead of Akka's stack trace (logging disabled).
/// </summary>
public static partial class KernelSupervision
{
    public static SupervisorStrategy RestartOnFault(ILogger logger) => new OneForOneStrategy(
        cause =>
        {
            if (cause is KernelFaultedException fault)
            {
                string reason = fault.GetBaseException().Message;
                LogRestart(logger, fault.KernelName, reason);
                return Directive.Restart;
            }

            Directive directive = SupervisorStrategy.DefaultDecider.Decide(cause);
            LogOtherFailure(logger, directive, cause);
            return directive;
        },
        loggingEnabled: false);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "kernel '{Kernel}' faulted ({Reason}): its supervisor restarts it")]
    private static partial void LogRestart(ILogger logger, string kernel, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "a kernel actor failed; its supervisor decides {Directive}")]
    private static partial void LogOtherFailure(ILogger logger, Directive directive, Exception cause);
}
