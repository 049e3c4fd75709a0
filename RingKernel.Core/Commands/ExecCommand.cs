using RingKernel.Kernels;

namespace RingKernel.Commands;

/// <summary>Dispatches a kernel over its whole grid; the next command starts when every workgroup is done.</summary>
public abstract class ExecCommand : QueueCommand
{
    private protected ExecCommand(KernelDefinition kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Kernel = kernel;
    }

    public KernelDefinition Kernel { get; }

    /// <summary>Hands the dispatch, with its argument type, to the queue's backend.</summary>
    public abstract void Run(IKernelDispatcher dispatcher, CancellationToken cancellationToken);

    public override string ToString() => $"Exec kernel '{Kernel.Name}'";
}
