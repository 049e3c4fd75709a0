using Akka.Actor;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// The actor system's scheduler clock as a <see cref="TimeProvider"/> for the <see cref="Persistent.KernelWatchdog"/>,
/// so that a test scheduler (Akka.TestKit's <c>TestScheduler</c>) advances the stall timeout with the watchdog's ticks.
/// </summary>
internal sealed class SchedulerTimeProvider(ITimeProvider scheduler) : TimeProvider
{
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => scheduler.Now;

    public override long GetTimestamp() => scheduler.Now.UtcTicks;
}
