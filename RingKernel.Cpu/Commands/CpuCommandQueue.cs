using System.Threading.Channels;
using RingKernel.Commands;
using RingKernel.Memory;

namespace RingKernel.Cpu.Commands;

/// <summary>
/// A command queue on the CPU: one worker (a serial chain of thread-pool work fed by a channel)
/// runs the submissions in order. A Wait suspends the worker without holding a thread until the
/// signal reaches its value; an Exec dispatches through the <see cref="CpuBackend"/>, whose workers
/// run the grid; a Copy moves bytes between host-accessible buffers; a MemoryBarrier is a full fence;
/// a Signal raises its signal after everything before it. A <see cref="QueueKind.Copy"/> queue
/// refuses Exec commands, as a GPU's transfer queue would.
/// </summary>
public sealed class CpuCommandQueue : ICommandQueue
{
    /// <summary>The most bytes one span copy moves.</summary>
    private const int CopyChunkBytes = 1 << 30;

    private readonly IKernelDispatcher _dispatcher;
    private readonly Channel<Submission> _submissions = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task _worker;
    private readonly CommandQueueIntake _intake;

    public CpuCommandQueue(CpuBackend backend, QueueKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown queue kind.");
        _dispatcher = new CpuKernelDispatcher(backend);
        Kind = kind;
        Name = name;
        Progress = new TimelineSignal($"{name}.progress");
        _intake = new CommandQueueIntake(name);
        _worker = Task.Run(RunAsync);
    }

    public string Name { get; }

    public QueueKind Kind { get; }

    public TimelineSignal Progress { get; }

    public Exception? Fault => _intake.Fault;

    public CommandToken Submit(CommandList commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        QueueCommand[] snapshot = [.. commands.Commands];
        CommandQueueIntake.RefuseDispatchesOnCopyQueue(Kind, Name, snapshot, nameof(commands));

        // Unbounded with one reader: TryWrite succeeds until the writer is completed, which only Dispose does, closing the intake.
        ulong number = _intake.Admit(this, (Queue: this, Commands: snapshot), static (number, state) =>
            state.Queue._submissions.Writer.TryWrite(new Submission(number, state.Commands)));
        return new CommandToken(Progress, number);
    }

    public CommandToken CopyAsync(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length) =>
        Submit(new CommandList().Copy(source, sourceOffset, destination, destinationOffset, length));

    /// <summary>
    /// Cancels what has not run (see <see cref="ICommandQueue"/>) and returns once the worker has
    /// stopped; the queue's progress signal stays readable, so tokens still answer.
    /// </summary>
    public void Dispose()
    {
        if (!_intake.TryClose(_submissions.Writer, static writer => writer.Complete()))
            return;

        _disposing.Cancel();
        _worker.GetAwaiter().GetResult();
        _disposing.Dispose();
    }

    public override string ToString() => $"{Kind} queue '{Name}'";

    private async Task RunAsync()
    {
        await foreach (Submission submission in _submissions.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (Fault is { } fault)
            {
                SignalCommand.FailAll(submission.Commands, fault);
                continue;
            }

            int index = 0;
            try
            {
                for (; index < submission.Commands.Length; index++)
                    await ExecuteAsync(submission.Commands[index]).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Exception reason = _disposing.IsCancellationRequested
                    ? new ObjectDisposedException(Name, $"Command queue '{Name}' was disposed before the command completed.")
                    : ex;
                var faulted = new CommandQueueFaultedException(Name, Kind, submission.Number, index, submission.Commands[index].ToString(), reason);
                _intake.RecordFault(faulted);
                SignalCommand.FailAll(submission.Commands.AsSpan(index), faulted);
                Progress.Fail(faulted);
                continue;
            }

            Progress.Signal(submission.Number);
        }
    }

    private ValueTask ExecuteAsync(QueueCommand command)
    {
        CancellationToken cancellation = _disposing.Token;
        cancellation.ThrowIfCancellationRequested();
        switch (command)
        {
            case WaitCommand wait:
                return new ValueTask(wait.Signal.WaitAsync(wait.Value, cancellation));
            case ExecCommand exec:
                exec.Run(_dispatcher, cancellation);
                break;
            case CopyCommand copy:
                CopyBytes(copy);
                break;
            case MemoryBarrierCommand:
                Interlocked.MemoryBarrier();
                break;
            case SignalCommand signal:
                signal.Signal.Signal(signal.Value);
                break;
            default:
                throw new NotSupportedException($"The CPU queue has no way to run {command}.");
        }

        return ValueTask.CompletedTask;
    }

    private static void CopyBytes(CopyCommand copy)
    {
        DeviceBuffer source = copy.Source;
        DeviceBuffer destination = copy.Destination;
        if (!source.IsHostAccessible || !destination.IsHostAccessible)
            throw new NotSupportedException($"The CPU queue copies between host-accessible buffers only; {copy} involves a {MemorySpaceKind.Device} buffer.");

        // Spans are int-sized, so a long copy goes in chunks; a copy to a higher offset in the same
        // buffer goes back to front so overlapping ranges come out as one memmove would leave them.
        bool backwards = ReferenceEquals(source, destination) && copy.DestinationOffset > copy.SourceOffset;
        long done = 0;
        while (done < copy.Length)
        {
            int chunk = (int)Math.Min(CopyChunkBytes, copy.Length - done);
            long at = backwards ? copy.Length - done - chunk : done;
            source.AsSpan(copy.SourceOffset + at, chunk).CopyTo(destination.AsSpan(copy.DestinationOffset + at, chunk));
            done += chunk;
        }
    }

    private sealed record Submission(ulong Number, QueueCommand[] Commands);
}
