using RingKernel.Actors.Events;

namespace RingKernel.TestKit;

/// <summary>
/// Builds <see cref="EventFilter"/>s for what actors raise and lose: exceptions (the failure log events
/// supervisor strategies publish), other log events, dead letters and unhandled messages.
/// </summary>
public sealed class EventFilterFactory
{
    private readonly TestKitBase _kit;

    internal EventFilterFactory(TestKitBase kit) => _kit = kit;

    /// <summary>
    /// Failures with a cause of type <typeparamref name="TException"/> (or a subtype) whose message
    /// contains <paramref name="messageContains"/> when given: the Error events of restarted or stopped
    /// actors and the Warning events of resumed ones.
    /// </summary>
    public EventFilter Exception<TException>(string? messageContains = null)
        where TException : Exception =>
        new(_kit, $"an exception of type {typeof(TException).Name}{Contains(messageContains)}", typeof(LogEvent),
            e => e is LogEvent { Cause: TException cause } && (messageContains is null || cause.Message.Contains(messageContains, StringComparison.Ordinal)));

    /// <summary>Error log events whose message contains <paramref name="messageContains"/> when given.</summary>
    public EventFilter Error(string? messageContains = null) => Log(ActorLogLevel.Error, messageContains);

    /// <summary>Warning log events whose message contains <paramref name="messageContains"/> when given.</summary>
    public EventFilter Warning(string? messageContains = null) => Log(ActorLogLevel.Warning, messageContains);

    /// <summary>Info log events whose message contains <paramref name="messageContains"/> when given.</summary>
    public EventFilter Info(string? messageContains = null) => Log(ActorLogLevel.Info, messageContains);

    /// <summary>Dead letters carrying a <typeparamref name="TMessage"/> that satisfies <paramref name="isMessage"/> when given.</summary>
    public EventFilter DeadLetter<TMessage>(Predicate<TMessage>? isMessage = null) =>
        new(_kit, $"a dead letter of type {typeof(TMessage).Name}", typeof(DeadLetter),
            e => e is DeadLetter { Message: TMessage message } && (isMessage is null || isMessage(message)));

    /// <summary>Unhandled messages of type <typeparamref name="TMessage"/>.</summary>
    public EventFilter Unhandled<TMessage>(Predicate<TMessage>? isMessage = null) =>
        new(_kit, $"an unhandled message of type {typeof(TMessage).Name}", typeof(UnhandledMessage),
            e => e is UnhandledMessage { Message: TMessage message } && (isMessage is null || isMessage(message)));

    private EventFilter Log(ActorLogLevel level, string? messageContains) =>
        new(_kit, $"a {level} log event{Contains(messageContains)}", typeof(LogEvent),
            e => e is LogEvent log && log.Level == level && (messageContains is null || log.Message.Contains(messageContains, StringComparison.Ordinal)));

    private static string Contains(string? text) => text is null ? "" : $" containing \"{text}\"";
}
