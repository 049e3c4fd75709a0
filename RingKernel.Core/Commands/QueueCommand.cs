namespace RingKernel.Commands;

/// <summary>
/// One recorded command of a <see cref="CommandList"/>. Backends translate each kind: the CPU runs
/// it on the queue's worker, Vulkan records it into a command buffer, CUDA issues it on a stream.
/// </summary>
public abstract class QueueCommand
{
    private protected QueueCommand()
    {
    }

    /// <summary>Describes the command in errors, e.g. "Exec kernel 'saxpy'".</summary>
    public abstract override string ToString();
}
