using System.Collections.Concurrent;
using RingKernel.Commands;
using RingKernel.Memory;
using RingKernel.Metal.Interop;
using RingKernel.Metal.Memory;
using RingKernel.Vulkan.Commands;

namespace RingKernel.Metal.Commands;

/// <summary>
/// A command queue on an MTLCommandQueue of its own, ordered by an MTLSharedEvent. A worker thread
/// encodes each submission's commands into command buffers (Exec: a compute pass; Copy: a blit pass;
/// every command a pass of its own, so each starts after the one before it has completed), each
/// command buffer ending with a signal of the queue's shared event to the next value, and commits
/// them. A completion thread waits for each in order and then raises the <see cref="TimelineSignal"/>s
/// its Signal commands name and <see cref="Progress"/>; so the host, other Metal queues and CPU queues
/// all wait on the same signals.
/// </summary>
/// <remarks>
/// <para>A Wait for a signal that a batch of a Metal queue on the same backend has been committed to
/// raise is a device-side wait on that queue's shared event (encodeWaitForEvent:value:): the work after
/// it is committed at once and the device holds it. A Wait for any other signal not yet reached commits
/// what is encoded before it and holds the rest on the worker until the signal arrives. The caller of
/// <see cref="Submit"/> never blocks.</para>
/// <para>Copies move whole 4-byte words between buffers of the backend (shared or private), never
/// overlapping within one buffer, as Metal's blits on macOS require; a copy that does not is refused at
/// submission. Failure and disposal follow <see cref="ICommandQueue"/>.</para>
/// </remarks>
public sealed partial class MetalCommandQueue : ICommandQueue
{
    private readonly MetalBackend _backend;
    private readonly ObjCObject _queue;
    private readonly MetalSharedEvent _timeline;
    private readonly MetalBatchEncoder _encoder;
    private readonly BlockingCollection<MetalQueueSubmission> _submissions = [];
    private readonly CommandQueueIntake _intake;
    private readonly BlockingCollection<MetalBatch> _inFlight = [];
    private readonly CancellationTokenSource _disposing = new();
    private readonly Thread _worker;
    private readonly Thread _completer;
    private long _committed;

    internal MetalCommandQueue(MetalBackend backend, MetalResidency residency, ObjCObject queue, ObjCObject sharedEvent, DeviceSignalRegistry<MetalSharedEvent> signals, QueueKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown queue kind.");
        _backend = backend;
        _queue = queue;
        _timeline = new MetalSharedEvent(sharedEvent);
        Kind = kind;
        Name = name;
        _encoder = new MetalBatchEncoder(backend, residency, queue.Id, _timeline, signals, _inFlight, _disposing.Token);
        Progress = new TimelineSignal($"{name}.progress");
        _intake = new CommandQueueIntake(name);
        _worker = new Thread(EncodeAndCommit) { IsBackground = true, Name = $"metal queue {name}" };
        _completer = new Thread(Complete) { IsBackground = true, Name = $"metal queue {name} completions" };
        _worker.Start();
        _completer.Start();
    }

    public string Name { get; }

    public QueueKind Kind { get; }

    public TimelineSignal Progress { get; }

    public Exception? Fault => _intake.Fault;

    /// <summary>Submissions the worker has encoded and committed in full (they may still be running).</summary>
    public long CommittedSubmissions => Interlocked.Read(ref _committed);

    /// <summary>Wait commands this queue turned into device-side waits on another queue's shared event.</summary>
    public long DeviceWaits => _encoder.DeviceWaits;

    /// <summary>Wait commands this queue's worker waited out on the host.</summary>
    public long HostWaits => _encoder.HostWaits;

    public CommandToken Submit(CommandList commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        QueueCommand[] snapshot = [.. commands.Commands];
        for (int i = 0; i < snapshot.Length; i++)
            Check(snapshot[i], i, nameof(commands));
        ulong number = _intake.Admit(this, (Queue: this, Commands: snapshot), static (number, state) =>
            state.Queue._submissions.Add(new MetalQueueSubmission(number, state.Commands)));
        return new CommandToken(Progress, number);
    }

    /// <summary>A blit copy after everything already submitted; the token completes when the bytes have landed.</summary>
    public CommandToken CopyAsync(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length) =>
        Submit(new CommandList().Copy(source, sourceOffset, destination, destinationOffset, length));

    /// <summary>
    /// Cancels what has not run (see <see cref="ICommandQueue"/>), waits for what the device already has,
    /// and frees the queue's Metal objects; <see cref="Progress"/> stays readable.
    /// </summary>
    public void Dispose()
    {
        if (!_intake.TryClose(_submissions, static submissions => submissions.CompleteAdding()))
            return;

        _disposing.Cancel();
        _worker.Join();
        _inFlight.CompleteAdding();
        _completer.Join();
        _timeline.Dispose();
        _queue.Dispose();
        _submissions.Dispose();
        _inFlight.Dispose();
        _disposing.Dispose();
        _backend.Forget(this);
    }

    public override string ToString() => $"{Kind} queue '{Name}' on {_backend.DeviceName}";

    /// <summary>Refuses at submission what this queue cannot run, naming the command.</summary>
    private void Check(QueueCommand command, int index, string parameter)
    {
        string? problem = command switch
        {
            ExecCommand when Kind == QueueKind.Copy => "submit kernel dispatches to a compute queue",
            CopyCommand copy when copy.Source is not MetalBuffer || copy.Destination is not MetalBuffer =>
                "a Metal queue copies between buffers of its backend (its MemorySpace or AllocatePrivate)",
            CopyCommand copy => MetalBlits.Refusal(ReferenceEquals(copy.Source, copy.Destination), copy.SourceOffset, copy.DestinationOffset, copy.Length),
            _ => null,
        };
        if (problem is not null)
            throw new ArgumentException($"{Kind} queue '{Name}' cannot run command #{index}, {command}: {problem}.", parameter);
    }

    /// <summary>The worker thread: encodes and commits each submission in order.</summary>
    private void EncodeAndCommit()
    {
        foreach (MetalQueueSubmission submission in _submissions.GetConsumingEnumerable())
        {
            if (Fault is { } fault)
            {
                _inFlight.Add(MetalBatch.Failure(submission, 0, fault));
                continue;
            }

            using AutoreleasePool pool = AutoreleasePool.Push();
            MetalBatch? batch = null;
            int index = 0;
            try
            {
                batch = _encoder.NewBatch();
                for (; index < submission.Commands.Length; index++)
                    batch = _encoder.Encode(submission.Commands[index], batch);
                batch.Submission = submission;
                _encoder.Commit(batch);
                batch = null;
                Interlocked.Increment(ref _committed);
            }
            catch (Exception ex)
            {
                // The commands before the failing one still run, as on every queue.
                if (batch is not null)
                {
                    try
                    {
                        _encoder.Commit(batch);
                    }
                    catch (MetalException)
                    {
                        batch.CommandBuffer?.Dispose();
                    }
                }

                CommandQueueFaultedException faulted = DeviceQueueWork.RecordCommandFault(_intake, Name, Kind, submission.Number, submission.Commands, index, ex, _disposing.IsCancellationRequested);
                _inFlight.Add(MetalBatch.Failure(submission, index, faulted));
            }
        }
    }
}
