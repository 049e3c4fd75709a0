using RingKernel.Dispatch;
using RingKernel.Kernels;

namespace RingKernel.Commands;

/// <summary>
/// Dispatches a kernel with arguments from a <see cref="KernelArgumentBuffer"/>, first patching one
/// argument when the command has a patch. The buffer is read when the command runs, so several of
/// these commands on one queue, each with its own patch, each dispatch with their own value.
/// </summary>
public sealed class PackedExecCommand : ExecCommand
{
    internal PackedExecCommand(KernelDefinition<KernelArguments> kernel, KernelArgumentBuffer arguments, int patchIndex, KernelArgument patch)
        : base(kernel)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        arguments.CheckDeclaredBy(kernel);
        if (patchIndex >= 0)
            arguments.CheckPatch(patchIndex, patch);
        TypedKernel = kernel;
        Arguments = arguments;
        PatchIndex = patchIndex;
        Patch = patch;
    }

    public KernelDefinition<KernelArguments> TypedKernel { get; }

    public KernelArgumentBuffer Arguments { get; }

    /// <summary>The argument replaced before the dispatch; -1 for none.</summary>
    public int PatchIndex { get; }

    /// <summary>The value argument <see cref="PatchIndex"/> is set to.</summary>
    public KernelArgument Patch { get; }

    public override void Run(IKernelDispatcher dispatcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        if (PatchIndex >= 0)
            Arguments.Patch(PatchIndex, Patch);
        dispatcher.Dispatch(TypedKernel, Arguments.Bind(TypedKernel), cancellationToken);
    }

    public override string ToString() =>
        PatchIndex >= 0 ? $"Exec kernel '{Kernel.Name}' with argument #{PatchIndex} patched to {Patch}" : base.ToString();
}
