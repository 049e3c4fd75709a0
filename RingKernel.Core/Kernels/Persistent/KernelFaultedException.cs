namespace RingKernel.Kernels.Persistent;

/// <summary>
/// A ring kernel stopped working: its body threw (the <see cref="Exception.InnerException"/>), or a
/// watchdog saw messages waiting while its heartbeat stood still. A kernel actor throws it so that
/// its parent's supervisor strategy decides what happens next.
/// </summary>
public sealed class KernelFaultedException : Exception
{
    public KernelFaultedException(string kernelName, string reason, Exception? inner = null)
        : base($"Ring kernel '{kernelName}' faulted: {reason}", inner)
    {
        KernelName = kernelName;
        Reason = reason;
    }

    public string KernelName { get; }

    /// <summary>What went wrong, without the kernel's name.</summary>
    public string Reason { get; }
}
