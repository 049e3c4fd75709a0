namespace RingKernel.Commands;

/// <summary>Raises <see cref="Signal"/> to <see cref="Value"/> once every earlier command of the queue has completed.</summary>
public sealed class SignalCommand(TimelineSignal signal, ulong value) : QueueCommand
{
    public TimelineSignal Signal { get; } = signal;

    public ulong Value { get; } = value;

    public override string ToString() => $"Signal {Signal.Name} = {Value}";
}
