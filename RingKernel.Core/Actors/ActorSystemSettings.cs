using RingKernel.Actors.Events;
using RingKernel.Actors.Supervision;

namespace RingKernel.Actors;

/// <summary>Configuration of an <see cref="ActorSystem"/>.</summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>
    /// Messages an actor processes per run before it yields its thread to other actors (Akka's dispatcher
    /// throughput; 30 by default, as in Akka). Higher favours throughput, lower favours fairness.
    /// </summary>
    public int Throughput { get; init; } = 30;

    /// <summary>The clock of the scheduler, Ask timeouts and restart windows; tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Timeout of an <c>Ask</c> that names none; null (the default, as in Akka) waits indefinitely.</summary>
    public TimeSpan? AskTimeout { get; init; }

    /// <summary>Log events below this level are not published.</summary>
    public ActorLogLevel LogLevel { get; init; } = ActorLogLevel.Info;

    /// <summary>Log events at or above this level are printed to standard output; <see cref="ActorLogLevel.Off"/> prints none.</summary>
    public ActorLogLevel StandardOutLogLevel { get; init; } = ActorLogLevel.Warning;

    /// <summary>How the <c>/user</c> guardian supervises top-level actors.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;
}
