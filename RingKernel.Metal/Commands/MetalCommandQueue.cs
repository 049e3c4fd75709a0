using RingKernel.Commands;
using RingKernel.Memory;
using RingKernel.Metal.Interop;
using RingKernel.Metal.Memory;

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
    private readonly DeviceQueueThreads<DeviceQueueSubmission, MetalBatch> _threads;

    internal MetalCommandQueue(MetalBackend backend, MetalResidency residency, ObjCObject queue, ObjCObject sharedEvent, DeviceSignalRegistry<MetalSharedEvent> signals, QueueKind kind, string name)
    {
        _threads = new DeviceQueueThreads<DeviceQueueSubmission, MetalBatch>("metal", kind, name);
        _backend = backend;
        _queue = queue;
        _timeline = new MetalSharedEvent(sharedEvent);
        _encoder = new MetalBatchEncoder(backend, residency, queue.Id, _timeline, signals, _threads.InFlight, _threads.Disposing);
        _threads.Start(this);
    }

    public string Name => _threads.Name;

    public QueueKind Kind => _threads.Kind;

    public TimelineSignal Progress => _threads.Progress;

    public Exception? Fault => _threads.Fault;

    /// <summary>Submissions the worker has encoded and committed in full (they may still be running).</summary>
    public long CommittedSubmissions => _threads.DeviceSubmissions;

    /// <summary>Wait commands this queue turned into device-side waits on another queue's shared event.</summary>
    public long DeviceWaits => _encoder.DeviceWaits;

    /// <summary>Wait commands this queue's worker waited out on the host.</summary>
    public long HostWaits => _encoder.HostWaits;

    public CommandToken Submit(CommandList commands) =>
        _threads.Submit(commands, static (number, snapshot) => new DeviceQueueSubmission(number, snapshot));

    /// <summary>A blit copy after everything already submitted; the token completes when the bytes have landed.</summary>
    public CommandToken CopyAsync(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length) =>
        Submit(new CommandList().Copy(source, sourceOffset, destination, destinationOffset, length));

    /// <summary>
    /// Cancels what has not run (see <see cref="ICommandQueue"/>), waits for what the device already has,
    /// and frees the queue's Metal objects; <see cref="Progress"/> stays readable.
    /// </summary>
    public void Dispose() => _threads.Dispose();

    public override string ToString() => $"{Kind} queue '{Name}' on {_backend.DeviceName}";
}
