using RingKernel.Rings;

namespace RingKernel.Telemetry;

/// <summary>
/// One kernel actor's telemetry, from its first start to its release: its input and output rings and its
/// heartbeat age are observed under its kernel name and actor path, and its launches, faults, watchdog
/// trips and restarts are counted under the same attributes.
/// </summary>
internal sealed class KernelActorTelemetry : IDisposable
{
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly IDisposable[] _observations;

    /// <param name="kernelName">The kernel's name.</param>
    /// <param name="actorPath">The actor's path, without the address.</param>
    /// <param name="input">The kernel's input ring.</param>
    /// <param name="output">The kernel's output ring.</param>
    /// <param name="heartbeatAge">The current watchdog's heartbeat age; null while no kernel is watched.</param>
    public KernelActorTelemetry(string kernelName, string actorPath, MessageRing input, MessageRing output, Func<TimeSpan?> heartbeatAge)
    {
        _tags = [new(RingKernelTags.KernelName, kernelName), new(RingKernelTags.ActorPath, actorPath)];
        _observations =
        [
            RingKernelTelemetry.Rings.Add(new ObservedRing(input.Ring, input), [.. _tags, new(RingKernelTags.RingRole, RingKernelTags.RoleInput)]),
            RingKernelTelemetry.Rings.Add(new ObservedRing(output.Ring, output), [.. _tags, new(RingKernelTags.RingRole, RingKernelTags.RoleOutput)]),
            RingKernelTelemetry.Heartbeats.Add(heartbeatAge, _tags),
        ];
    }

    public void Launched() => RingKernelTelemetry.KernelLaunches.Add(1, _tags);

    public void Faulted() => RingKernelTelemetry.KernelFaults.Add(1, _tags);

    public void WatchdogTripped() => RingKernelTelemetry.KernelWatchdogTrips.Add(1, _tags);

    public void Restarted() => RingKernelTelemetry.KernelRestarts.Add(1, _tags);

    /// <summary>Ends the observations; call it before the rings' memory is freed.</summary>
    public void Dispose()
    {
        foreach (IDisposable observation in _observations)
            observation.Dispose();
    }
}
