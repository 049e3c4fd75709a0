using RingKernel.Commands;
using RingKernel.Kernels;

namespace RingKernel.Cpu.Commands;

/// <summary>Runs a queue's Exec commands on a <see cref="CpuBackend"/>, on the queue's worker.</summary>
internal sealed class CpuKernelDispatcher(CpuBackend backend) : IKernelDispatcher
{
    public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken) =>
        backend.Dispatch(kernel, args, cancellationToken);
}
