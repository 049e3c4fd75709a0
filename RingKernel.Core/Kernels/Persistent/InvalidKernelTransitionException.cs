namespace RingKernel.Kernels.Persistent;

/// <summary>A ring kernel was asked to move between two states that its lifecycle does not connect.</summary>
public sealed class InvalidKernelTransitionException : InvalidOperationException
{
    public InvalidKernelTransitionException(string kernelName, RingKernelState from, RingKernelState to)
        : base($"Ring kernel '{kernelName}' cannot go from {from} to {to}.")
    {
        KernelName = kernelName;
        From = from;
        To = to;
    }

    public string KernelName { get; }

    public RingKernelState From { get; }

    public RingKernelState To { get; }
}
