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

    internal static KernelRequestFailedException Faulted(string kernelName, uint errorCode) =>
        new(kernelName, "the kernel faulted while processing it.", errorCode);

    internal static KernelRequestFailedException StoppedBeforeProcessing(string kernelName) =>
        new(kernelName, "the kernel actor stopped before the kernel processed it.", 0);

    internal static KernelRequestFailedException StoppedBeforeReply(string kernelName) =>
        new(kernelName, "the kernel actor stopped before the kernel's reply reached it.", 0);

    public string Reason { get; }

    /// <summary>The error code of the kernel's fault reply (<see cref="Persistent.KernelErrorCodes"/>); 0 when the actor stopped first.</summary>
    public uint ErrorCode { get; }
}
