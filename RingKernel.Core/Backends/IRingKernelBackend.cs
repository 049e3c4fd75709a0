using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Backends;

/// <summary>A backend that runs persistent ring kernels.</summary>
public interface IRingKernelBackend : IComputeBackend
{
    /// <summary>
    /// A ring kernel in state Created over <paramref name="memory"/> (allocated in this backend's
    /// <see cref="IComputeBackend.MemorySpace"/>), which the kernel does not own: a kernel relaunched
    /// after a fault runs over the same memory and finds its unprocessed messages there.
    /// </summary>
    IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory);
}
