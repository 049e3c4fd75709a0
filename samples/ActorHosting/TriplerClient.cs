using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorHosting;

/// <summary>
/// Asks the tripler every half second for the next number; its fourth request is a poison value, to show
/// a fault and the recovery. Answers come back as messages (PipeTo), so the actor never blocks.
/// </summary>
public sealed partial class TriplerClient : ReceiveActor, IWithTimers
{
    private const long PoisonValue = -1;
    private const int PoisonRequest = 4;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly IActorRef _tripler;
    private readonly ILogger _logger;
    private int _requests;
    private long _next = 1;

    public TriplerClient(IActorRef tripler, ILogger logger)
    {
        _tripler = tripler;
        _logger = logger;
        Receive<AskNext>(_ => AskNextNumber());
        Receive<Answered>(answer => LogAnswer(_logger, answer.Value, answer.Reply));
        Receive<Failed>(failed => OnFailed(failed));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef tripler, ILogger logger) => Akka.Actor.Props.Create(() => new TriplerClient(tripler, logger));

    protected override void PreStart() => Timers.StartPeriodicTimer("ask", AskNext.Instance, Period);

    private void AskNextNumber()
    {
        long value;
        if (++_requests == PoisonRequest)
        {
            value = PoisonValue;
            LogPoison(_logger, value);
        }
        else
        {
            value = _next++;
        }

        _tripler.Ask<Number>(new Number(value), AskTimeout).PipeTo(
            Self,
            success: reply => new Answered(value, reply.Value),
            failure: cause => new Failed(value, cause));
    }

    private void OnFailed(Failed failed)
    {
        if (failed.Value == PoisonValue)
            LogPoisonFailed(_logger, failed.Cause.Message);
        else
            LogUnanswered(_logger, failed.Value, failed.Cause.Message);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "asked {Value} → {Reply}")]
    private static partial void LogAnswer(ILogger logger, long value, long reply);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "sends a poison value ({Value}): the kernel will fault on it")]
    private static partial void LogPoison(ILogger logger, long value);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "the poison request failed, as it should: {Reason}")]
    private static partial void LogPoisonFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "asked {Value}, got no answer: {Reason}")]
    private static partial void LogUnanswered(ILogger logger, long value, string reason);

    private sealed class AskNext
    {
        public static AskNext Instance { get; } = new();
    }

    private sealed record Answered(long Value, long Reply);

    private sealed record Failed(long Value, Exception Cause);
}
