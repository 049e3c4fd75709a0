using System.Threading.Channels;
using RingKernel.Memory;

namespace RingKernel.Commands;

/// <summary>
/// A command queue whose worker takes the submissions one after another, for backends to derive from:
/// it holds the intake that numbers submissions, the worker's loop, the fault a failing command leaves
/// (the submission's Signal commands and <see cref="Progress"/> fail, later submissions are refused) and
/// disposal. A backend supplies how one command is issued (<see cref="IssueAsync"/>) and, where issuing
/// only queues the work on a device, how the submission's end is awaited (<see cref="CompleteAsync"/>).
/// </summary>
public abstract class CommandQueueBase : ICommandQueue
{
    private readonly Channel<Submission> _submissions = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CommandQueueIntake _intake;
    private readonly CancellationTokenSource _disposing = new();
    private readonly bool _issuedCommandsHaveRun;
    private Task? _worker;

    /// <param name="kind">The queue's kind: a copy queue refuses kernel dispatches.</param>
    /// <param name="name">The queue's name.</param>
    /// <param name="issuedCommandsHaveRun">
    /// True when a command has run once <see cref="IssueAsync"/> returns, so a failure leaves the Signal
    /// commands before it raised; false when issuing only queues it on a device, so a failure fails
    /// every Signal command of the submission.
    /// </param>
    protected CommandQueueBase(QueueKind kind, string name, bool issuedCommandsHaveRun)
    {
        CommandQueueIntake.CheckNameAndKind(kind, name);
        Kind = kind;
        Name = name;
        Progress = new TimelineSignal($"{name}.progress");
        _intake = new CommandQueueIntake(name);
        _issuedCommandsHaveRun = issuedCommandsHaveRun;
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
        foreach (QueueCommand command in snapshot)
            Check(command);

        // Unbounded with one reader: TryWrite succeeds until the writer is completed, which only Dispose does, closing the intake.
        ulong number = _intake.Admit(this, (Queue: this, Commands: snapshot), static (number, state) =>
            state.Queue._submissions.Writer.TryWrite(new Submission(number, state.Commands)));
        return new CommandToken(Progress, number);
    }

    public CommandToken CopyAsync(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length) =>
        Submit(new CommandList().Copy(source, sourceOffset, destination, destinationOffset, length));

    /// <summary>
    /// Cancels what has not run (see <see cref="ICommandQueue"/>) and returns once the worker has
    /// stopped and <see cref="OnStopped"/> has freed the backend's resources; the queue's progress
    /// signal stays readable, so tokens still answer.
    /// </summary>
    public void Dispose()
    {
        if (!_intake.TryClose(_submissions.Writer, static writer => writer.Complete()))
            return;

        _disposing.Cancel();
        _worker?.GetAwaiter().GetResult();
        _disposing.Dispose();
        OnStopped();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Starts the worker; call once, at the end of the derived constructor. On a thread of its own
    /// (<paramref name="ownThread"/>) for a worker that blocks while the device runs; otherwise on the
    /// thread pool, holding no thread while a Wait waits.
    /// </summary>
    protected void StartWorker(bool ownThread)
    {
        if (_worker is not null)
            throw new InvalidOperationException($"The worker of queue '{Name}' has already started.");
        _worker = ownThread
            ? Task.Factory.StartNew(RunOnOwnThread, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.Run(RunAsync);
    }

    /// <summary>Refuses at submission a command this backend cannot run, by throwing; the base refuses nothing beyond kernel dispatches on a copy queue.</summary>
    protected virtual void Check(QueueCommand command)
    {
    }

    /// <summary>Runs <paramref name="command"/>, or queues it on the device; <paramref name="cancellation"/> is cancelled when the queue is disposed.</summary>
    protected abstract ValueTask IssueAsync(QueueCommand command, CancellationToken cancellation);

    /// <summary>
    /// Returns once every command of the submission has run; a failure is reported against its last
    /// command. The base returns at once, for backends whose <see cref="IssueAsync"/> runs each command.
    /// </summary>
    protected virtual ValueTask CompleteAsync(QueueCommand[] commands, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <summary>The worker has stopped: frees what the backend's queue holds. Called once, by <see cref="Dispose"/>.</summary>
    protected virtual void OnStopped()
    {
    }

    private async Task RunAsync()
    {
        await foreach (Submission submission in _submissions.Reader.ReadAllAsync().ConfigureAwait(false))
            await RunAsync(submission).ConfigureAwait(false);
    }

    private void RunOnOwnThread()
    {
        while (_submissions.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_submissions.Reader.TryRead(out Submission? submission))
                RunAsync(submission).AsTask().GetAwaiter().GetResult();
        }
    }

    private async ValueTask RunAsync(Submission submission)
    {
        QueueCommand[] commands = submission.Commands;
        if (Fault is { } fault)
        {
            SignalCommand.FailAll(commands, fault);
            return;
        }

        CancellationToken cancellation = _disposing.Token;
        int index = 0;
        try
        {
            for (; index < commands.Length; index++)
            {
                cancellation.ThrowIfCancellationRequested();
                await IssueAsync(commands[index], cancellation).ConfigureAwait(false);
            }

            index = commands.Length - 1;
            await CompleteAsync(commands, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Exception reason = _disposing.IsCancellationRequested
                ? new ObjectDisposedException(Name, $"Command queue '{Name}' was disposed before the command completed.")
                : ex;
            int failed = Math.Max(index, 0);
            string command = commands.Length > 0 ? commands[failed].ToString() : "(empty submission)";
            var faulted = new CommandQueueFaultedException(Name, Kind, submission.Number, failed, command, reason);
            _intake.RecordFault(faulted);
            SignalCommand.FailAll(commands.AsSpan(_issuedCommandsHaveRun ? failed : 0), faulted);
            Progress.Fail(faulted);
            return;
        }

        Progress.Signal(submission.Number);
    }

    private sealed record Submission(ulong Number, QueueCommand[] Commands);
}
