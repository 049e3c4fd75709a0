namespace RingKernel.Actors.SystemMessages;

/// <summary>
/// Balances one <see cref="Suspend"/>. <see cref="CausedByFailure"/> is set when this is the
/// supervisor's Resume directive for the recipient's own failure, which also clears its failed state.
/// </summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}
