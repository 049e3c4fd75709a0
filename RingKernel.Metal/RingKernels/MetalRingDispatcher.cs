using System.Runtime.InteropServices;
using RingKernel.Metal.Commands;
using RingKernel.Vulkan.RingKernels;

namespace RingKernel.Metal.RingKernels;

/// <summary>
/// One ring kernel's dispatches on Metal: its arguments bound and its pipeline compiled once, for a
/// threadgroup of one thread (the ring loop runs on invocation 0, and its fences are threadgroup barriers
/// that every thread of the threadgroup must reach); each run rewrites the first 56 bytes of its push
/// constants, encodes one pass on the backend's queue, commits it and waits until it has run, after which
/// what it wrote to the shared rings is visible to the host. Used by the kernel's driver thread only.
/// </summary>
internal sealed class MetalRingDispatcher(MetalBackend backend, MetalDispatch dispatch, string kernelName) : IRingKernelDispatcher
{
    /// <summary>Metal ring kernels are event-driven, so <paramref name="whileRunning"/> is never given.</summary>
    public void Run(in RingKernelDispatchArguments arguments, Action? whileRunning)
    {
        if (whileRunning is not null)
            throw new NotSupportedException("Metal ring kernels are event-driven: a dispatch is not polled while it runs.");
        MemoryMarshal.Write(dispatch.Constants, in arguments);
        backend.RunAndWait(dispatch, $"ring kernel '{kernelName}'");
    }

    public void Dispose()
    {
    }
}
