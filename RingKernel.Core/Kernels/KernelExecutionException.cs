namespace RingKernel.Kernels;

/// <summary>
/// A kernel body failed while running: the message names the kernel, the workgroup and, when
/// known, the thread and how many barriers the workgroup had passed; the body's own exception is
/// the <see cref="Exception.InnerException"/>.
/// </summary>
public class KernelExecutionException : Exception
{
    private string? _message;

    public KernelExecutionException(string kernelName, Index3 workgroupId, Index3? threadId, int barriersPassed, Exception inner)
        : base(null, inner ?? throw new ArgumentNullException(nameof(inner)))
    {
        KernelName = kernelName;
        WorkgroupId = workgroupId;
        ThreadId = threadId;
        BarriersPassed = barriersPassed;
    }

    /// <summary>For a backend's fault that is the workgroup's, not one thread's, described by <paramref name="message"/>.</summary>
    protected KernelExecutionException(string message, string kernelName, Index3 workgroupId, int barriersPassed)
        : base(message)
    {
        _message = message;
        KernelName = kernelName;
        WorkgroupId = workgroupId;
        BarriersPassed = barriersPassed;
    }

    public string KernelName { get; }

    /// <summary>Formatted when first read: a ring kernel's fault is created on the path of every restart.</summary>
    public override string Message => _message ??= Describe(KernelName, WorkgroupId, ThreadId, BarriersPassed, InnerException!);

    public Index3 WorkgroupId { get; }

    /// <summary>The thread whose body threw; null for a workgroup-level body or a fault that is the workgroup's.</summary>
    public Index3? ThreadId { get; }

    /// <summary>Barriers the workgroup had completed when the fault happened.</summary>
    public int BarriersPassed { get; }

    private static string Describe(string kernelName, Index3 workgroupId, Index3? threadId, int barriersPassed, Exception inner)
    {
        string where = threadId is { } thread ? $"workgroup {workgroupId}, thread {thread}" : $"workgroup {workgroupId} (workgroup-level body)";
        return $"Kernel '{kernelName}' failed in {where} after {barriersPassed} barrier(s): {inner.GetType().Name}: {inner.Message}";
    }
}
