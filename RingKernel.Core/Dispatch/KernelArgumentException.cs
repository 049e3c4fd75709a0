using RingKernel.Kernels;

namespace RingKernel.Dispatch;

/// <summary>
/// Arguments that do not fit a kernel's declared <see cref="KernelSignature"/>: the wrong count, a
/// value of the wrong kind, a parameter never set, or a buffer packed for another kernel.
/// </summary>
public sealed class KernelArgumentException : ArgumentException
{
    public KernelArgumentException(string kernelName, int declaredCount, int? givenCount, string message)
        : base(message)
    {
        KernelName = kernelName;
        DeclaredCount = declaredCount;
        GivenCount = givenCount;
    }

    public string KernelName { get; }

    /// <summary>How many parameters the kernel declares.</summary>
    public int DeclaredCount { get; }

    /// <summary>How many arguments were given, when the error is about the count; otherwise null.</summary>
    public int? GivenCount { get; }
}
