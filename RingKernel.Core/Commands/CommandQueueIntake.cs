namespace RingKernel.Commands;

/// <summary>
/// The submit side that every backend's command queue shares: it numbers submissions in order under
/// one lock and hands each to the queue's worker, refuses work once the queue is closed or faulted,
/// and holds the fault the worker records.
/// </summary>
/// <param name="queueName">The queue's name, for the refusal of a faulted queue.</param>
public sealed class CommandQueueIntake(string queueName)
{
    private readonly Lock _gate = new();
    private ulong _submitted;
    private Exception? _fault;
    private bool _closed;

    /// <summary>The number of the last submission admitted.</summary>
    public ulong Submitted => Volatile.Read(ref _submitted);

    /// <summary>The fault that stopped the queue; null while it runs.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Records the fault that stops the queue; later submissions are refused with it.</summary>
    public void RecordFault(Exception fault) => Volatile.Write(ref _fault, fault);

    /// <summary>
    /// Numbers the next submission and passes it to <paramref name="enqueue"/> under the lock, so the
    /// worker receives submissions in number order.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The queue is closed.</exception>
    /// <exception cref="InvalidOperationException">The queue is faulted.</exception>
    public ulong Admit<TState>(object queue, TState state, Action<ulong, TState> enqueue)
    {
        ArgumentNullException.ThrowIfNull(enqueue);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, queue);
            if (_fault is { } fault)
                throw new InvalidOperationException($"Command queue '{queueName}' is faulted and takes no more work: {fault.Message}", fault);
            ulong number = ++_submitted;
            enqueue(number, state);
            return number;
        }
    }

    /// <summary>
    /// Closes the intake and runs <paramref name="complete"/> (which ends the worker's input) under the
    /// lock, so no submission follows it; false, running nothing, when it was already closed.
    /// </summary>
    public bool TryClose<TState>(TState state, Action<TState> complete)
    {
        ArgumentNullException.ThrowIfNull(complete);
        lock (_gate)
        {
            if (_closed)
                return false;
            _closed = true;
            complete(state);
            return true;
        }
    }

    /// <summary>Refuses a queue without a name or of an unknown kind, in that order.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not a <see cref="QueueKind"/>.</exception>
    public static void CheckNameAndKind(QueueKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown queue kind.");
    }

    /// <summary>Refuses, naming the first, kernel dispatches submitted to a copy queue, as a GPU's transfer queue would.</summary>
    /// <exception cref="ArgumentException">A copy queue was given an Exec command.</exception>
    public static void RefuseDispatchesOnCopyQueue(QueueKind kind, string queueName, QueueCommand[] commands, string parameter)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (kind != QueueKind.Copy)
            return;
        int exec = Array.FindIndex(commands, command => command is ExecCommand);
        if (exec >= 0)
            throw new ArgumentException($"Copy queue '{queueName}' cannot run command #{exec}, {commands[exec]}: submit kernel dispatches to a compute queue.", parameter);
    }
}
