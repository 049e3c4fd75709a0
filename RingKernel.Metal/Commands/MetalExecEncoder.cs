using RingKernel.Commands;
using RingKernel.Kernels;
using RingKernel.Metal.Memory;

namespace RingKernel.Metal.Commands;

/// <summary>Hands an Exec command's typed dispatch to the backend, encoding it as a pass of a <see cref="MetalCommandQueue"/>'s command buffer.</summary>
internal readonly struct MetalExecEncoder(MetalBackend backend, MetalResidency residency, nint commandBuffer) : IKernelDispatcher
{
    public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        backend.Prepare(kernel, args, kernel.Options.Workgroup).Encode(commandBuffer, residency);
    }
}
