namespace RingKernel.Commands;

/// <summary>
/// A wait on a <see cref="TimelineSignal"/> for a value it had not reached when the signal was
/// failed, typically because the queue that would have raised it faulted; the reason is the
/// <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class TimelineSignalFaultedException : Exception
{
    public TimelineSignalFaultedException(string signalName, ulong awaitedValue, ulong reachedValue, Exception reason)
        : base($"Timeline signal '{signalName}' failed at value {reachedValue} before reaching {awaitedValue}: {reason.Message}", reason)
    {
        SignalName = signalName;
        AwaitedValue = awaitedValue;
        ReachedValue = reachedValue;
    }

    public string SignalName { get; }

    public ulong AwaitedValue { get; }

    /// <summary>The signal's value when the wait gave up.</summary>
    public ulong ReachedValue { get; }
}
