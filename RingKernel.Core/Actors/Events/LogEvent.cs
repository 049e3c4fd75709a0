namespace RingKernel.Actors.Events;

/// <summary>
/// A log record published on the <see cref="EventStream"/>. Supervisor strategies publish an
/// <see cref="ActorLogLevel.Error"/> event (with <see cref="Cause"/>) for every failure they restart or
/// stop and a <see cref="ActorLogLevel.Warning"/> event (also with <see cref="Cause"/>) for every failure
/// they resume; hosts forward these to their logging framework.
/// </summary>
public sealed class LogEvent
{
    public LogEvent(ActorLogLevel level, string logSource, Type logClass, string message, Exception? cause, DateTimeOffset timestamp)
    {
        Level = level;
        LogSource = logSource;
        LogClass = logClass;
        Message = message;
        Cause = cause;
        Timestamp = timestamp;
    }

    public ActorLogLevel Level { get; }

    /// <summary>Usually the path of the actor that logged.</summary>
    public string LogSource { get; }

    /// <summary>The type that logged (an actor type, a strategy, the system).</summary>
    public Type LogClass { get; }

    public string Message { get; }

    public Exception? Cause { get; }

    public DateTimeOffset Timestamp { get; }

    public override string ToString() =>
        Cause is null
            ? $"[{Level}][{Timestamp:O}][{LogSource}] {Message}"
            : $"[{Level}][{Timestamp:O}][{LogSource}] {Message}{Environment.NewLine}{Cause}";
}
