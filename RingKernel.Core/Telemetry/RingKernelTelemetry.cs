using System.Diagnostics;
using System.Diagnostics.Metrics;
using RingKernel.Rings;

namespace RingKernel.Telemetry;

/// <summary>
/// RingKernel's telemetry: one <see cref="System.Diagnostics.Metrics.Meter"/> and one
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <see cref="MeterName"/> ("RingKernel"). Listen with
/// OpenTelemetry (<c>.AddMeter("RingKernel")</c>, <c>.AddSource("RingKernel")</c>), <c>dotnet-counters</c> or a
/// <see cref="MeterListener"/>; the instruments are listed in <see cref="RingKernelInstruments"/>.
/// </summary>
/// <remarks>
/// <para>Nothing is paid on the message path when nobody listens. Ring counts are observable instruments
/// that read, at collection time, the counters the rings keep anyway (their cursors, rejections and
/// backpressure waits), so enqueue and dequeue are untouched; K2K messages are read from the routing
/// tables. Events that happen per launch, fault or batch are counted as they happen; timings (dispatch,
/// Ask) take a timestamp only while their histogram is enabled or an activity listener samples.</para>
/// <para>Kernel actors and K2K fabrics observe their own rings and routes from their start to their
/// release; other rings are observed through <see cref="ObserveRing(MessageRing, string)"/>.</para>
/// </remarks>
public static class RingKernelTelemetry
{
    /// <summary>The name of RingKernel's meter.</summary>
    public const string MeterName = "RingKernel";

    /// <summary>The name of RingKernel's activity source (an activity per Ask through a kernel actor).</summary>
    public const string ActivitySourceName = "RingKernel";

    /// <summary>The operation name of an Ask's activity.</summary>
    public const string AskActivityName = "ringkernel.ask";

    private static readonly string? Version = typeof(RingKernelTelemetry).Assembly.GetName().Version?.ToString();

    // Latencies from a fraction of a microsecond (a direct Ask) to seconds (a stencil dispatch).
    private static readonly double[] DurationBuckets =
        [1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    static RingKernelTelemetry()
    {
        Meter.CreateObservableGauge<long>(RingKernelInstruments.RingDepth, () => Rings.Measure(r => (long?)r.Ring.Count), "{message}", "Messages in the ring: published or being written, and not yet committed by the consumer.");
        Meter.CreateObservableGauge<long>(RingKernelInstruments.RingCapacity, () => Rings.Measure(r => (long?)r.Ring.Capacity), "{slot}", "Slots in the ring.");
        Meter.CreateObservableCounter<long>(RingKernelInstruments.RingMessagesEnqueued, () => Rings.Measure(r => (long?)r.Ring.EnqueuedCount), "{message}", "Messages producers have put into the ring since it was formatted.");
        Meter.CreateObservableCounter<long>(RingKernelInstruments.RingMessagesDequeued, () => Rings.Measure(r => (long?)r.Ring.DequeuedCount), "{message}", "Messages the consumer has committed since the ring was formatted, rejected ones included.");
        Meter.CreateObservableCounter<long>(RingKernelInstruments.RingMessagesRejected, () => Rings.Measure(r => r.Messages?.RejectedCount), "{message}", "Messages the consumer skipped because they failed validation (checksum, header, unknown type).");
        Meter.CreateObservableCounter<long>(RingKernelInstruments.RingBackpressureWaits, () => Rings.Measure(r => (long?)r.Ring.BackpressureWaitCount), "{wait}", "Times a producer found the ring full and waited for a slot.");
        Meter.CreateObservableGauge<double>(RingKernelInstruments.KernelHeartbeatAge, () => Heartbeats.Measure(age => age()?.TotalSeconds), "s", "Time since the kernel's heartbeat last moved, as the actor's watchdog saw it at its last check.");
        Meter.CreateObservableCounter<long>(RingKernelInstruments.K2KMessages, () => Fabrics.Measure(f => (long?)f.Messages()), "{message}", "Messages sent over the fabric's K2K routes, by host and device senders.");
        Meter.CreateObservableCounter<long>(RingKernelInstruments.K2KBytes, () => Fabrics.Measure(f => (long?)f.Bytes()), "By", "Payload bytes host-side senders (CPU kernels, host code) sent over the fabric's K2K routes.");
    }

    /// <summary>RingKernel's meter.</summary>
    public static Meter Meter { get; } = new(MeterName, Version);

    /// <summary>RingKernel's activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName, Version);

    internal static ObservedSet<ObservedRing> Rings { get; } = new();

    internal static ObservedSet<Func<TimeSpan?>> Heartbeats { get; } = new();

    internal static ObservedSet<ObservedTraffic> Fabrics { get; } = new();

    internal static Counter<long> KernelLaunches { get; } =
        Meter.CreateCounter<long>(RingKernelInstruments.KernelLaunches, "{launch}", "Kernel launches by kernel actors: the first, and every relaunch after a restart or resume.");

    internal static Counter<long> KernelFaults { get; } =
        Meter.CreateCounter<long>(RingKernelInstruments.KernelFaults, "{fault}", "Kernel faults and stalls a kernel actor reported to its supervisor (once per launch).");

    internal static Counter<long> KernelRestarts { get; } =
        Meter.CreateCounter<long>(RingKernelInstruments.KernelRestarts, "{restart}", "Restarts of kernel actors by their supervisors.");

    internal static Counter<long> KernelWatchdogTrips { get; } =
        Meter.CreateCounter<long>(RingKernelInstruments.KernelWatchdogTrips, "{trip}", "Stalls found by a kernel actor's watchdog: messages waiting while the heartbeat stood still for the stall timeout.");

    internal static Counter<long> HaloBytes { get; } =
        Meter.CreateCounter<long>(RingKernelInstruments.HaloBytes, "By", "Halo chunk bytes (chunk header and strip data) tiles sent to their neighbours over K2K.");

    internal static Histogram<double> DispatchDuration { get; } =
        Meter.CreateHistogram(RingKernelInstruments.KernelDispatchDuration, "s", "Time a backend took to run every workgroup of a kernel's grid once, until the work was done.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    internal static Histogram<double> AskDuration { get; } =
        Meter.CreateHistogram(RingKernelInstruments.AskDuration, "s", "Time from an Ask to a kernel to its outcome: the reply, a failure or the timeout.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>
    /// Observes <paramref name="ring"/> with the ring instruments under the attribute
    /// <see cref="RingKernelTags.RingName"/> = <paramref name="name"/> until the returned registration is disposed.
    /// Dispose it before the ring's buffer: a collection reads the ring's header.
    /// </summary>
    public static IDisposable ObserveRing(MessageRing ring, string name)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Rings.Add(new ObservedRing(ring.Ring, ring), [new(RingKernelTags.RingName, name)]);
    }

    /// <inheritdoc cref="ObserveRing(MessageRing, string)"/>
    public static IDisposable ObserveRing(SlotRing ring, string name)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Rings.Add(new ObservedRing(ring, null), [new(RingKernelTags.RingName, name)]);
    }

    /// <summary>Observes a K2K fabric's traffic under <see cref="RingKernelTags.K2KFabric"/> = <paramref name="fabricName"/> until disposed.</summary>
    internal static IDisposable ObserveK2KFabric(string fabricName, Func<long> messages, Func<long> bytes) =>
        Fabrics.Add(new ObservedTraffic(messages, bytes), FabricTags(fabricName));

    /// <summary>The attributes of what belongs to the K2K fabric <paramref name="fabricName"/>.</summary>
    internal static KeyValuePair<string, object?>[] FabricTags(string fabricName) => [new(RingKernelTags.K2KFabric, fabricName)];
}
