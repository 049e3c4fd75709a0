using System.Diagnostics;

namespace RingKernel.Telemetry;

/// <summary>
/// Times one kernel dispatch into the <see cref="RingKernelInstruments.KernelDispatchDuration"/> histogram:
/// a backend starts it before running a kernel's grid and disposes it once the work is done
/// (<c>using KernelDispatchTiming timing = KernelDispatchTiming.Start(kernel.Name, Name);</c>). While the
/// histogram has no listener it takes no timestamp and records nothing.
/// </summary>
public readonly ref struct KernelDispatchTiming
{
    private readonly long _started;
    private readonly string? _kernelName;
    private readonly string? _backendName;

    private KernelDispatchTiming(long started, string kernelName, string backendName)
    {
        _started = started;
        _kernelName = kernelName;
        _backendName = backendName;
    }

    /// <summary>Starts timing a dispatch of kernel <paramref name="kernelName"/> on backend <paramref name="backendName"/>.</summary>
    public static KernelDispatchTiming Start(string kernelName, string backendName) =>
        RingKernelTelemetry.DispatchDuration.Enabled ? new(Stopwatch.GetTimestamp(), kernelName, backendName) : default;

    /// <summary>Records the time since <see cref="Start"/>.</summary>
    public void Dispose()
    {
        if (_started == 0)
            return;
        RingKernelTelemetry.DispatchDuration.Record(
            Stopwatch.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>(RingKernelTags.KernelName, _kernelName),
            new KeyValuePair<string, object?>(RingKernelTags.Backend, _backendName));
    }
}
