namespace RingKernel.Actors.Events;

/// <summary>
/// Publishes <see cref="LogEvent"/>s from one source (usually an actor, via <c>Context.GetLogger()</c>)
/// on the system's <see cref="EventStream"/>, dropping those below the system's
/// <see cref="ActorSystemSettings.LogLevel"/>, and all of them while nobody subscribes to log events,
/// before any message is built.
/// </summary>
public sealed class LoggingAdapter
{
    private readonly ActorSystem _system;

    public LoggingAdapter(ActorSystem system, string logSource, Type logClass)
    {
        _system = system;
        LogSource = logSource;
        LogClass = logClass;
    }

    public string LogSource { get; }

    public Type LogClass { get; }

    public bool IsEnabled(ActorLogLevel level) =>
        level != ActorLogLevel.Off && level >= _system.Settings.LogLevel && _system.EventStream.HasSubscribers(typeof(LogEvent));

    public void Debug(string message) => Log(ActorLogLevel.Debug, message, null);

    public void Info(string message) => Log(ActorLogLevel.Info, message, null);

    public void Warning(string message) => Log(ActorLogLevel.Warning, message, null);

    public void Warning(Exception cause, string message) => Log(ActorLogLevel.Warning, message, cause);

    public void Error(string message) => Log(ActorLogLevel.Error, message, null);

    public void Error(Exception cause, string message) => Log(ActorLogLevel.Error, message, cause);

    public void Log(ActorLogLevel level, string message, Exception? cause)
    {
        if (IsEnabled(level))
            _system.EventStream.Publish(new LogEvent(level, LogSource, LogClass, message, cause, _system.TimeProvider.GetUtcNow()));
    }
}
