namespace RingKernel.Telemetry;

/// <summary>
/// The names of the instruments of the <see cref="RingKernelTelemetry.MeterName"/> meter, in OpenTelemetry's
/// style (lowercase, dotted, units in UCUM). What each measures, its unit and its attributes are in the
/// table in <c>docs/telemetry.md</c>.
/// </summary>
public static class RingKernelInstruments
{
    public const string RingDepth = "ringkernel.ring.depth";
    public const string RingCapacity = "ringkernel.ring.capacity";
    public const string RingMessagesEnqueued = "ringkernel.ring.messages.enqueued";
    public const string RingMessagesDequeued = "ringkernel.ring.messages.dequeued";
    public const string RingMessagesRejected = "ringkernel.ring.messages.rejected";
    public const string RingBackpressureWaits = "ringkernel.ring.backpressure.waits";
    public const string KernelLaunches = "ringkernel.kernel.launches";
    public const string KernelFaults = "ringkernel.kernel.faults";
    public const string KernelRestarts = "ringkernel.kernel.restarts";
    public const string KernelWatchdogTrips = "ringkernel.kernel.watchdog.trips";
    public const string KernelHeartbeatAge = "ringkernel.kernel.heartbeat.age";
    public const string KernelDispatchDuration = "ringkernel.kernel.dispatch.duration";
    public const string AskDuration = "ringkernel.ask.duration";
    public const string K2KMessages = "ringkernel.k2k.messages";
    public const string K2KBytes = "ringkernel.k2k.bytes";
    public const string HaloBytes = "ringkernel.halo.bytes";
}
