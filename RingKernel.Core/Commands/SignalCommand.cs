namespace RingKernel.Commands;

/// <summary>Raises <see cref="Signal"/> to <see cref="Value"/> once every earlier command of the queue has completed.</summary>
public sealed class SignalCommand(TimelineSignal signal, ulong value) : QueueCommand
{
    public TimelineSignal Signal { get; } = signal;

    public ulong Value { get; } = value;

    public override string ToString() => $"Signal {Signal.Name} = {Value}";

    /// <summary>
    /// Fails the signals that the Signal commands among <paramref name="commands"/> would have raised, so
    /// that their waiters do not hang when a queue will not run those commands.
    /// </summary>
    public static void FailAll(ReadOnlySpan<QueueCommand> commands, Exception reason)
    {
        foreach (QueueCommand command in commands)
        {
            if (command is SignalCommand signal)
                signal.Signal.Fail(reason);
        }
    }
}
