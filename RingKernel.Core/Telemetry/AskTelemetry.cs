using System.Diagnostics;

namespace RingKernel.Telemetry;

/// <summary>
/// Times the Asks of one kernel on one path into the <see cref="RingKernelInstruments.AskDuration"/>
/// histogram and gives each an activity (<see cref="RingKernelTelemetry.AskActivityName"/>) when an activity
/// listener samples it. An Ask is started on the caller's thread and stopped wherever its outcome is
/// decided (the output pump, the timeout sweep, the actor); both cost a field read or two when nothing listens.
/// </summary>
internal sealed class AskTelemetry
{
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly string _displayName;

    public AskTelemetry(string kernelName, string path)
    {
        _tags = [new(RingKernelTags.KernelName, kernelName), new(RingKernelTags.AskPath, path)];
        _displayName = $"ask {kernelName}";
    }

    public AskTiming Start()
    {
        bool timed = RingKernelTelemetry.AskDuration.Enabled;
        Activity? activity = RingKernelTelemetry.ActivitySource.HasListeners() ? StartActivity() : null;
        return timed || activity is not null ? new AskTiming(Stopwatch.GetTimestamp(), activity) : default;
    }

    /// <summary>Records the Ask's duration and ends its activity; <paramref name="error"/> is how it failed, null when it got its reply.</summary>
    public void Stop(in AskTiming timing, Exception? error)
    {
        if (timing.Started == 0)
            return;
        double seconds = Stopwatch.GetElapsedTime(timing.Started).TotalSeconds;
        string? errorType = error?.GetType().FullName;
        if (errorType is null)
            RingKernelTelemetry.AskDuration.Record(seconds, _tags);
        else
            RingKernelTelemetry.AskDuration.Record(seconds, [.. _tags, new(RingKernelTags.ErrorType, errorType)]);

        if (timing.Activity is { } activity)
        {
            if (errorType is not null)
            {
                activity.SetTag(RingKernelTags.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, error!.Message);
            }

            // Stop makes the activity's parent current on this thread, which is not the Ask's: keep this thread's.
            Activity? current = Activity.Current;
            activity.Stop();
            Activity.Current = current;
        }
    }

    /// <summary>Starts the Ask's activity as a child of the caller's current one, which stays current: the Ask returns before it ends.</summary>
    private Activity? StartActivity()
    {
        Activity? caller = Activity.Current;
        Activity? activity = RingKernelTelemetry.ActivitySource.StartActivity(RingKernelTelemetry.AskActivityName, ActivityKind.Internal, default(ActivityContext), _tags);
        if (activity is null)
            return null;
        activity.DisplayName = _displayName;
        Activity.Current = caller;
        return activity;
    }
}
