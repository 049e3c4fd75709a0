using RingKernel.Dispatch;
using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Commands;

/// <summary>
/// Commands recorded for one submission to an <see cref="ICommandQueue"/>, run in order: each
/// starts after the one before it has completed. Arguments are checked as they are recorded, so a
/// bad copy range or argument fails here, not on the queue. Submitting takes a snapshot, so a list
/// can be cleared and recorded again.
/// </summary>
public sealed class CommandList
{
    private readonly List<QueueCommand> _commands = [];

    public int Count => _commands.Count;

    public IReadOnlyList<QueueCommand> Commands => _commands;

    /// <summary>Holds the queue until <paramref name="signal"/> reaches <paramref name="value"/>.</summary>
    public CommandList Wait(TimelineSignal signal, ulong value)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return Add(new WaitCommand(signal, value));
    }

    /// <summary>Dispatches <paramref name="kernel"/> with <paramref name="args"/>.</summary>
    public CommandList Exec<TArgs>(KernelDefinition<TArgs> kernel, TArgs args)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return Add(new ExecCommand<TArgs>(kernel, args));
    }

    /// <summary>Dispatches <paramref name="kernel"/> with the packed <paramref name="arguments"/> as they are when the command runs.</summary>
    public CommandList Exec(KernelDefinition<KernelArguments> kernel, KernelArgumentBuffer arguments) =>
        Add(new PackedExecCommand(kernel, arguments, -1, default));

    /// <summary>Sets argument <paramref name="patchIndex"/> to <paramref name="patch"/>, then dispatches with the packed <paramref name="arguments"/>.</summary>
    public CommandList Exec(KernelDefinition<KernelArguments> kernel, KernelArgumentBuffer arguments, int patchIndex, KernelArgument patch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patchIndex);
        return Add(new PackedExecCommand(kernel, arguments, patchIndex, patch));
    }

    /// <summary>Copies <paramref name="length"/> bytes; both ranges must lie inside their buffers.</summary>
    public CommandList Copy(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length) =>
        Add(new CopyCommand(source, sourceOffset, destination, destinationOffset, length));

    /// <summary>Orders the memory effects of the commands before it before those of the commands after it.</summary>
    public CommandList MemoryBarrier() => Add(MemoryBarrierCommand.Instance);

    /// <summary>Raises <paramref name="signal"/> to <paramref name="value"/> once every earlier command has completed.</summary>
    public CommandList Signal(TimelineSignal signal, ulong value)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return Add(new SignalCommand(signal, value));
    }

    public void Clear() => _commands.Clear();

    private CommandList Add(QueueCommand command)
    {
        _commands.Add(command);
        return this;
    }
}
