namespace RingKernel.Kernels.Persistent;

/// <summary>
/// A ring kernel stopped working: its body threw (the <see cref="Exception.InnerException"/>), or a
/// watchdog saw messages waiting while its heartbeat stood still. A kernel actor throws it so that
/// its parent's supervisor strategy decides what happens next.
/// </summary>
/// <remarks>
/// The message is formatted when first read: a body's fault is created on the kernel's thread just
/// before its owner hears of the end, on the path of every restart.
/// </remarks>
public sealed class KernelFaultedException : Exception
{
    private string? _reason;
    private string? _message;

    public KernelFaultedException(string kernelName, string reason, Exception? inner = null)
        : base(null, inner)
    {
        ArgumentNullException.ThrowIfNull(reason);
        KernelName = kernelName;
        _reason = reason;
    }

    /// <summary>The kernel's body threw <paramref name="bodyFault"/>; the reason names its type and message.</summary>
    public KernelFaultedException(string kernelName, Exception bodyFault)
        : base(null, bodyFault ?? throw new ArgumentNullException(nameof(bodyFault)))
    {
        KernelName = kernelName;
    }

    public string KernelName { get; }

    /// <summary>What went wrong, without the kernel's name.</summary>
    public string Reason => _reason ??= $"its body threw {InnerException!.GetType().Name}: {InnerException.Message}";

    public override string Message => _message ??= $"Ring kernel '{KernelName}' faulted: {Reason}";
}
