namespace RingKernel.Kernels.Actors;

/// <summary>
/// The answer (as a <c>Status.Failure</c>, so an <c>Ask</c> fails with it) to a message a
/// <see cref="KernelActor{TArgs}"/> could not have processed: its kernel faulted on it, or the actor
/// stopped before the kernel took it.
/// </summary>
public sealed class KernelRequestFailedException : Exception
{
    public KernelRequestFailedException(string kernelName, string reason, uint errorCode)
        : base($"Ring kernel '{kernelName}' did not process the message: {reason}")
    {
        KernelName = kernelName;
        Reason = reason;
        ErrorCode = errorCode;
    }

    public string KernelName { get; }

    public string Reason { get; }

    /// <summary>The error code of the kernel's fault reply (<see cref="Persistent.KernelErrorCodes"/>); 0 when the actor stopped first.</summary>
    public uint ErrorCode { get; }
}
