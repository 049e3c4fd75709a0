using System.Collections.Concurrent;

namespace RingKernel.Commands;

/// <summary>
/// The machinery a backend's command queue that records and submits work to a device shares:
/// the intake that numbers submissions, a worker thread that records each submission's commands through
/// the queue's <see cref="IDeviceQueueSteps{TSubmission, TBatch}"/> and submits them, and a completion
/// thread that waits for each batch in order and then raises the signals its Signal commands name and
/// <see cref="Progress"/>. A command that fails faults the queue once the work before it has completed.
/// </summary>
public sealed class DeviceQueueThreads<TSubmission, TBatch> : IDisposable
    where TSubmission : DeviceQueueSubmission
    where TBatch : DeviceQueueBatch<TSubmission>
{
    private readonly BlockingCollection<TSubmission> _submissions = [];
    private readonly CommandQueueIntake _intake;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Thread _worker;
    private readonly Thread _completer;
    private IDeviceQueueSteps<TSubmission, TBatch>? _steps;
    private long _submitted;

    /// <param name="device">The device's name in the threads' names.</param>
    /// <param name="kind">The queue's kind: a copy queue refuses kernel dispatches.</param>
    /// <param name="name">The queue's name.</param>
    public DeviceQueueThreads(string device, QueueKind kind, string name)
    {
        CommandQueueIntake.CheckNameAndKind(kind, name);
        Kind = kind;
        Name = name;
        Progress = new TimelineSignal($"{name}.progress");
        _intake = new CommandQueueIntake(name);
        _worker = new Thread(RecordAndSubmit) { IsBackground = true, Name = $"{device} queue {name}" };
        _completer = new Thread(Complete) { IsBackground = true, Name = $"{device} queue {name} completions" };
    }

    public string Name { get; }

    public QueueKind Kind { get; }

    public TimelineSignal Progress { get; }

    public Exception? Fault => _intake.Fault;

    /// <summary>The batches the worker has submitted, for the completion thread, in order.</summary>
    public BlockingCollection<TBatch> InFlight { get; } = [];

    /// <summary>Cancelled when the queue is disposed, ending what the worker waits for.</summary>
    public CancellationToken Disposing => _disposing.Token;

    /// <summary>Submissions the worker has handed to the device in full (they may still be running).</summary>
    public long DeviceSubmissions => Interlocked.Read(ref _submitted);

    /// <summary>Starts the threads, which run the queue's work through <paramref name="steps"/>.</summary>
    public void Start(IDeviceQueueSteps<TSubmission, TBatch> steps)
    {
        _steps = steps;
        _worker.Start();
        _completer.Start();
    }

    /// <summary>Takes a snapshot of <paramref name="commands"/>, refuses what the queue cannot run, and submits the rest.</summary>
    public CommandToken Submit(CommandList commands, Func<ulong, QueueCommand[], TSubmission> submission)
    {
        ArgumentNullException.ThrowIfNull(commands);
        QueueCommand[] snapshot = [.. commands.Commands];
        for (int i = 0; i < snapshot.Length; i++)
            Check(snapshot[i], i, nameof(commands));
        return Enqueue((Commands: snapshot, Create: submission), static (number, state) => state.Create(number, state.Commands));
    }

    /// <summary>Refuses at submission what this queue cannot run, naming the command.</summary>
    public void Check(QueueCommand command, int index, string parameter)
    {
        string? problem = command is ExecCommand && Kind == QueueKind.Copy
            ? "submit kernel dispatches to a compute queue"
            : Steps.Refusal(command);
        if (problem is not null)
            throw new ArgumentException($"{Kind} queue '{Name}' cannot run command #{index}, {command}: {problem}.", parameter);
    }

    /// <summary>Numbers the submission <paramref name="submission"/> makes of <paramref name="state"/> and hands it to the worker.</summary>
    public CommandToken Enqueue<TState>(TState state, Func<ulong, TState, TSubmission> submission)
    {
        ulong number = _intake.Admit(this, (Threads: this, State: state, Create: submission), static (number, admitted) =>
            admitted.Threads._submissions.Add(admitted.Create(number, admitted.State)));
        return new CommandToken(Progress, number);
    }

    /// <summary>
    /// Cancels what has not run (see <see cref="ICommandQueue"/>), lets the completion thread finish what
    /// the device has, ends both threads and then lets the queue free its device objects; once only.
    /// </summary>
    public void Dispose()
    {
        if (!_intake.TryClose(_submissions, static submissions => submissions.CompleteAdding()))
            return;

        _disposing.Cancel();
        _worker.Join();
        InFlight.CompleteAdding();
        _completer.Join();
        _submissions.Dispose();
        InFlight.Dispose();
        _disposing.Dispose();
        Steps.Stopped();
    }

    private IDeviceQueueSteps<TSubmission, TBatch> Steps => _steps ?? throw new InvalidOperationException($"Queue '{Name}' has not started.");

    /// <summary>The worker thread: records and submits each submission in order.</summary>
    private void RecordAndSubmit()
    {
        IDeviceQueueSteps<TSubmission, TBatch> steps = Steps;
        foreach (TSubmission submission in _submissions.GetConsumingEnumerable())
        {
            if (Fault is { } fault)
            {
                InFlight.Add(steps.Failure(submission, 0, fault));
                continue;
            }

            using IDisposable? scope = steps.RecordingScope();
            TBatch? batch = null;
            int index = 0;
            try
            {
                batch = steps.NewBatch();
                for (; index < submission.Commands.Length; index++)
                    batch = steps.Record(submission.Commands[index], batch);
                batch.Submission = submission;
                steps.Submit(batch);
                batch = null;
                Interlocked.Increment(ref _submitted);
            }
            catch (Exception ex)
            {
                // The commands before the failing one still run, as on every queue.
                if (batch is not null)
                    steps.SubmitAfterFailure(batch);
                InFlight.Add(steps.Failure(submission, index, RecordCommandFault(submission, index, ex)));
            }
        }
    }

    /// <summary>
    /// Records that command <paramref name="index"/> of <paramref name="submission"/> failed with
    /// <paramref name="failure"/> and returns the queue's fault; a failure while disposing is the disposal.
    /// </summary>
    private CommandQueueFaultedException RecordCommandFault(TSubmission submission, int index, Exception failure)
    {
        Exception reason = _disposing.IsCancellationRequested
            ? new ObjectDisposedException(Name, $"Command queue '{Name}' was disposed before the command completed.")
            : failure is AggregateException { InnerException: { } inner } ? inner : failure;
        string command = index < submission.Commands.Length ? submission.Commands[index].ToString()! : "the submission's last batch";
        var faulted = new CommandQueueFaultedException(Name, Kind, submission.Number, index, command, reason);
        _intake.RecordFault(faulted);
        return faulted;
    }

    /// <summary>The completion thread: in submission order, waits for each batch on the device, then raises its signals.</summary>
    private void Complete()
    {
        IDeviceQueueSteps<TSubmission, TBatch> steps = Steps;
        foreach (TBatch batch in InFlight.GetConsumingEnumerable())
        {
            if (batch.Fault is { } fault)
            {
                TSubmission failed = batch.Submission!;
                SignalCommand.FailAll(failed.Commands.AsSpan(batch.FailedFrom), fault);
                steps.Abandoned(failed);
                Progress.Fail(fault);
                continue;
            }

            if (steps.WaitFor(batch) is { } failure)
            {
                // A pass failed on the device, or the device is gone: nothing after this completes.
                var faulted = new CommandQueueFaultedException(Name, Kind, batch.Submission?.Number ?? _intake.Submitted, 0, steps.DeviceWork, failure);
                _intake.RecordFault(faulted);
                foreach ((TimelineSignal signal, _) in batch.Signals)
                    signal.Fail(faulted);
                Progress.Fail(faulted);
                continue;
            }

            foreach ((TimelineSignal signal, ulong value) in batch.Signals)
                Raise(signal, value);
            steps.Completed(batch);
            if (batch.Submission is { } done)
                Progress.Signal(done.Number);
        }
    }

    /// <summary>Raises a Signal command's signal; one already past the value (raised by someone else too) or disposed by its owner needs nothing.</summary>
    private static void Raise(TimelineSignal signal, ulong value)
    {
        try
        {
            if (!signal.IsReached(value))
                signal.Signal(value);
        }
        catch (InvalidOperationException) when (signal.IsReached(value))
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
