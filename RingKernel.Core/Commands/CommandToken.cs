namespace RingKernel.Commands;

/// <summary>
/// Completion of one submission (or one asynchronous copy): reached when the queue's progress signal
/// reaches the submission's number. Waiting on the token of a submission that failed, or that a
/// disposed queue never ran, throws a <see cref="TimelineSignalFaultedException"/> whose inner
/// exception is the queue's <see cref="CommandQueueFaultedException"/>.
/// </summary>
public readonly struct CommandToken : IEquatable<CommandToken>
{
    public CommandToken(TimelineSignal progress, ulong value)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Progress = progress;
        Value = value;
    }

    /// <summary>The queue's progress signal: the number of submissions it has completed.</summary>
    public TimelineSignal Progress { get; }

    /// <summary>The submission's number; the token is complete once <see cref="Progress"/> reaches it.</summary>
    public ulong Value { get; }

    public bool IsCompleted => Progress.IsReached(Value);

    public void Wait(CancellationToken cancellationToken = default) => Progress.Wait(Value, cancellationToken);

    /// <summary>False when <paramref name="timeout"/> passes first.</summary>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken = default) => Progress.Wait(Value, timeout, cancellationToken);

    public Task WaitAsync(CancellationToken cancellationToken = default) => Progress.WaitAsync(Value, cancellationToken);

    public bool Equals(CommandToken other) => ReferenceEquals(Progress, other.Progress) && Value == other.Value;

    public override bool Equals(object? obj) => obj is CommandToken other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Progress, Value);

    public static bool operator ==(CommandToken left, CommandToken right) => left.Equals(right);

    public static bool operator !=(CommandToken left, CommandToken right) => !left.Equals(right);

    public override string ToString() => $"{Progress.Name} >= {Value}";
}
