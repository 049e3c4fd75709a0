using RingKernel.Kernels;

namespace RingKernel.Commands;

/// <summary>Dispatches a kernel with arguments fixed when the command was recorded.</summary>
public sealed class ExecCommand<TArgs> : ExecCommand
{
    internal ExecCommand(KernelDefinition<TArgs> kernel, TArgs args)
        : base(kernel)
    {
        TypedKernel = kernel;
        Args = args;
    }

    public KernelDefinition<TArgs> TypedKernel { get; }

    public TArgs Args { get; }

    public override void Run(IKernelDispatcher dispatcher, CancellationToken cancellationToken) =>
        dispatcher.Dispatch(TypedKernel, Args, cancellationToken);
}
