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

    /// <summary>
    /// <see cref="CreateRingKernel{TArgs}(KernelDefinition{TArgs}, TArgs, RingKernelMemory)"/> for one of
    /// a set of kernels that message each other, placed among them by <paramref name="placement"/>.
    /// A backend that gives every kernel its own hardware ignores the placement (this default).
    /// </summary>
    IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory, RingKernelPlacement placement) =>
        CreateRingKernel(kernel, args, memory);
}
