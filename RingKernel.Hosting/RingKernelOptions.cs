using RingKernel.Actors.Events;

namespace RingKernel.Hosting;

/// <summary>
/// Options of the hosted actor system; bind them from configuration with
/// <c>services.Configure&lt;RingKernelOptions&gt;(configuration.GetSection("RingKernel"))</c>.
/// </summary>
public sealed class RingKernelOptions
{
    /// <summary>Name of the actor system (ASCII letters, digits, '-' and '_').</summary>
    public string SystemName { get; set; } = "ringkernel";

    /// <summary>Messages an actor processes per run before yielding its thread (see <c>ActorSystemSettings.Throughput</c>).</summary>
    public int Throughput { get; set; } = 30;

    /// <summary>Default timeout of an Ask that names none; null waits indefinitely.</summary>
    public TimeSpan? AskTimeout { get; set; }

    /// <summary>Actor log events below this level are not published (and so not logged).</summary>
    public ActorLogLevel LogLevel { get; set; } = ActorLogLevel.Info;

    /// <summary>Log every dead letter at Information level.</summary>
    public bool LogDeadLetters { get; set; } = true;
}
