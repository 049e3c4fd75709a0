using RingKernel.Kernels;

namespace RingKernel.Commands;

/// <summary>
/// What a queue's backend does with an <see cref="ExecCommand"/>: the CPU runs the dispatch there
/// and then, a GPU backend records or launches it. It lets a command recover its argument type.
/// </summary>
public interface IKernelDispatcher
{
    void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken);
}
