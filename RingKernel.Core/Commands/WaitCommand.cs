namespace RingKernel.Commands;

/// <summary>Holds the queue (not the host) until <see cref="Signal"/> reaches <see cref="Value"/>.</summary>
public sealed class WaitCommand(TimelineSignal signal, ulong value) : QueueCommand
{
    public TimelineSignal Signal { get; } = signal;

    public ulong Value { get; } = value;

    public override string ToString() => $"Wait {Signal.Name} >= {Value}";
}
