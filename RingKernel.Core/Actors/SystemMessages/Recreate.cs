namespace RingKernel.Actors.SystemMessages;

/// <summary>The supervisor's Restart: replace the instance after <see cref="Cause"/>.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}
