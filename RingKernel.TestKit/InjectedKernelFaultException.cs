namespace RingKernel.TestKit;

/// <summary>The fault <see cref="KernelFaults.At{TArgs}"/> makes a kernel body throw at the chosen message.</summary>
public sealed class InjectedKernelFaultException(string kernelName, long message)
    : Exception($"Fault injected into ring kernel '{kernelName}' at message {message}.")
{
    public string KernelName { get; } = kernelName;

    /// <summary>The message (counted from 1 over every launch of the kernel) the fault was injected at.</summary>
    public long MessageNumber { get; } = message;
}
