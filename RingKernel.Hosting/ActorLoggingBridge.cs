using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RingKernel.Actors;
using RingKernel.Actors.Events;

namespace RingKernel.Hosting;

/// <summary>
/// Forwards the actor system's <see cref="LogEvent"/>s to <see cref="ILogger"/> (category: the type that
/// logged, such as the actor or the supervisor strategy) and, when enabled, its dead letters.
/// </summary>
internal static partial class ActorLoggingBridge
{
    public static void Attach(ActorSystem system, ILoggerFactory loggers, bool logDeadLetters)
    {
        var byCategory = new ConcurrentDictionary<Type, ILogger>();
        system.EventStream.Subscribe<LogEvent>(e =>
        {
            ILogger logger = byCategory.GetOrAdd(e.LogClass, type => loggers.CreateLogger(type.FullName ?? type.Name));
            LogLevel level = ToLogLevel(e.Level);
            if (logger.IsEnabled(level))
                LogActorEvent(logger, level, e.Cause, e.LogSource, e.Message);
        });
        if (logDeadLetters)
        {
            ILogger deadLetters = loggers.CreateLogger("RingKernel.Actors.DeadLetters");
            system.EventStream.Subscribe<DeadLetter>(d =>
            {
                if (deadLetters.IsEnabled(LogLevel.Information))
                    LogDeadLetter(deadLetters, d.Message.GetType().Name, d.Message, d.Sender, d.Recipient);
            });
        }
    }

    private static LogLevel ToLogLevel(ActorLogLevel level) => level switch
    {
        ActorLogLevel.Debug => LogLevel.Debug,
        ActorLogLevel.Info => LogLevel.Information,
        ActorLogLevel.Warning => LogLevel.Warning,
        ActorLogLevel.Error => LogLevel.Error,
        _ => LogLevel.None,
    };

    [LoggerMessage(EventId = 1, Message = "[{Source}] {Text}")]
    private static partial void LogActorEvent(ILogger logger, LogLevel level, Exception? exception, string source, string text);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Dead letter {MessageType} ({Content}) from {Sender} to {Recipient}")]
    private static partial void LogDeadLetter(ILogger logger, string messageType, object content, IActorRef sender, IActorRef recipient);
}
