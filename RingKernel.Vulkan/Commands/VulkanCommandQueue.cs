using System.Collections.Concurrent;
using RingKernel.Commands;
using RingKernel.Memory;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Memory;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// A command queue on a Vulkan queue, ordered by a timeline semaphore. A worker thread records each
/// submission's commands into command buffers (Exec: a compute dispatch through a descriptor set of
/// its own; Copy: vkCmdCopyBuffer; MemoryBarrier: a pipeline barrier; every command is followed by a
/// barrier, so each starts after the one before it has completed) and submits them, each batch
/// signalling the queue's timeline semaphore with the next value. A completion thread waits on the
/// semaphore and then raises, in order, the <see cref="TimelineSignal"/>s the batch's Signal commands
/// name and <see cref="Progress"/>; so the host, other Vulkan queues and CPU queues all wait on the
/// same signals.
/// </summary>
/// <remarks>
/// <para>A Wait for a signal that a batch of a Vulkan queue on the same backend has been submitted to
/// raise is a device-side wait on that queue's timeline semaphore: the work after it is submitted at
/// once and the device holds it. A Wait for any other signal not yet reached (raised by the host, a
/// CPU queue, or a Vulkan batch not yet submitted) submits what is recorded before it and holds the
/// rest on the worker until the signal arrives. The caller of <see cref="Submit"/> never blocks.</para>
/// <para><see cref="UploadAsync"/> and <see cref="DownloadAsync"/> move host bytes to and from any
/// buffer of the backend, DEVICE_LOCAL ones included, through a staging buffer, returning a token.</para>
/// <para>Failure and disposal follow <see cref="ICommandQueue"/>: a command that throws faults the
/// queue once the work submitted before it has completed; disposing cancels what has not run.</para>
/// </remarks>
public sealed unsafe partial class VulkanCommandQueue : ICommandQueue
{
    private readonly VulkanBackend _backend;
    private readonly VulkanDevice _device;
    private readonly VulkanBatchAllocator _allocator;
    private readonly VulkanTimelineSemaphore _semaphore;
    private readonly VulkanBatchRecorder _recorder;
    private readonly BlockingCollection<VulkanQueueSubmission> _submissions = [];
    private readonly CommandQueueIntake _intake;
    private readonly BlockingCollection<VulkanBatch> _inFlight = [];
    private readonly CancellationTokenSource _disposing = new();
    private readonly Thread _worker;
    private readonly Thread _completer;
    private long _recorded;

    internal VulkanCommandQueue(VulkanBackend backend, VulkanDevice device, QueueKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown queue kind.");
        _backend = backend;
        _device = device;
        Kind = kind;
        Name = name;
        _allocator = new VulkanBatchAllocator(device);
        _semaphore = new VulkanTimelineSemaphore(device, 0);
        _recorder = new VulkanBatchRecorder(backend, device, kind, _allocator, _semaphore, _inFlight, _disposing.Token);
        Progress = new TimelineSignal($"{name}.progress");
        _intake = new CommandQueueIntake(name);
        _worker = new Thread(RecordAndSubmit) { IsBackground = true, Name = $"vulkan queue {name}" };
        _completer = new Thread(Complete) { IsBackground = true, Name = $"vulkan queue {name} completions" };
        _worker.Start();
        _completer.Start();
    }

    public string Name { get; }

    public QueueKind Kind { get; }

    public TimelineSignal Progress { get; }

    public Exception? Fault => _intake.Fault;

    /// <summary>True when this queue has a Vulkan queue of its own rather than sharing the compute queue (copy queues on devices whose compute family has two queues).</summary>
    public bool HasOwnDeviceQueue => Kind == QueueKind.Compute || _device.CopyQueue.Handle != _device.Queue.Handle;

    /// <summary>Submissions the worker has recorded and handed to the device in full (they may still be running).</summary>
    public long RecordedSubmissions => Interlocked.Read(ref _recorded);

    /// <summary>Wait commands this queue turned into device-side waits on another batch's semaphore.</summary>
    public long DeviceWaits => _recorder.DeviceWaits;

    /// <summary>Wait commands this queue's worker waited out on the host.</summary>
    public long HostWaits => _recorder.HostWaits;

    public CommandToken Submit(CommandList commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        QueueCommand[] snapshot = [.. commands.Commands];
        for (int i = 0; i < snapshot.Length; i++)
            Check(snapshot[i], i, nameof(commands));
        return Enqueue(snapshot, staging: null, download: null);
    }

    public CommandToken CopyAsync(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length) =>
        Submit(new CommandList().Copy(source, sourceOffset, destination, destinationOffset, length));

    /// <summary>
    /// Copies <paramref name="source"/> (taken now) into <paramref name="destination"/> at
    /// <paramref name="offset"/> after everything already submitted, through a staging buffer, so the
    /// destination may be DEVICE_LOCAL; the token completes when the bytes have landed.
    /// </summary>
    public CommandToken UploadAsync(ReadOnlySpan<byte> source, DeviceBuffer destination, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(destination);
        VulkanBuffer staging = VulkanBuffer.Create(_device, Math.Max(1, source.Length), 16, hostVisible: true);
        try
        {
            source.CopyTo(staging.AsSpan());
            QueueCommand copy = new CommandList().Copy(staging, 0, destination, offset, source.Length).Commands[0];
            Check(copy, 0, nameof(destination));
            return Enqueue([copy], staging, download: null);
        }
        catch
        {
            staging.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies <c>destination.Length</c> bytes of <paramref name="source"/> from <paramref name="offset"/>
    /// into <paramref name="destination"/> after everything already submitted, through a staging
    /// buffer, so the source may be DEVICE_LOCAL; the bytes are in <paramref name="destination"/> when
    /// the token completes. The memory must stay alive until then.
    /// </summary>
    public CommandToken DownloadAsync(DeviceBuffer source, long offset, Memory<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        VulkanBuffer staging = VulkanBuffer.Create(_device, Math.Max(1, destination.Length), 16, hostVisible: true);
        try
        {
            QueueCommand copy = new CommandList().Copy(source, offset, staging, 0, destination.Length).Commands[0];
            Check(copy, 0, nameof(source));
            return Enqueue([copy], staging, destination);
        }
        catch
        {
            staging.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Cancels what has not run (see <see cref="ICommandQueue"/>), waits for what the device already
    /// has, and frees the queue's Vulkan objects; <see cref="Progress"/> stays readable.
    /// </summary>
    public void Dispose()
    {
        if (!_intake.TryClose(_submissions, static submissions => submissions.CompleteAdding()))
            return;

        _disposing.Cancel();
        _worker.Join();
        _inFlight.CompleteAdding();
        _completer.Join();
        if (!_device.IsDisposed)
        {
            // Another queue's submitted batch may still wait on this queue's semaphore on the device;
            // such waits end without the host (they wait only on submitted work), so idle the device first.
            lock (_device.QueueGate)
            {
                lock (_device.CopyQueueGate)
                    _device.Api.DeviceWaitIdle(_device.Handle);
            }

            _allocator.DestroyCommandPool();
            _semaphore.Dispose();
        }

        _submissions.Dispose();
        _inFlight.Dispose();
        _disposing.Dispose();
        _backend.Forget(this);
    }

    public override string ToString() => $"{Kind} queue '{Name}' on {_backend.Device.Name}";

    private CommandToken Enqueue(QueueCommand[] commands, VulkanBuffer? staging, Memory<byte>? download)
    {
        ulong number = _intake.Admit(this, (Queue: this, Commands: commands, Staging: staging, Download: download), static (number, state) =>
            state.Queue._submissions.Add(new VulkanQueueSubmission(number, state.Commands, state.Staging, state.Download)));
        return new CommandToken(Progress, number);
    }

    /// <summary>Refuses at submission what this queue cannot run, naming the command.</summary>
    private void Check(QueueCommand command, int index, string parameter)
    {
        string? problem = command switch
        {
            ExecCommand when Kind == QueueKind.Copy => "submit kernel dispatches to a compute queue",
            CopyCommand copy when copy.Source is not VulkanBuffer || copy.Destination is not VulkanBuffer =>
                "a Vulkan queue copies between buffers of its backend (its MemorySpace or AllocateDeviceLocal); use UploadAsync or DownloadAsync for host memory",
            CopyCommand copy when ReferenceEquals(copy.Source, copy.Destination) && copy.SourceOffset < copy.DestinationOffset + copy.Length && copy.DestinationOffset < copy.SourceOffset + copy.Length =>
                "Vulkan copies may not overlap within one buffer",
            _ => null,
        };
        if (problem is not null)
            throw new ArgumentException($"{Kind} queue '{Name}' cannot run command #{index}, {command}: {problem}.", parameter);
    }

    private void RecordAndSubmit()
    {
        foreach (VulkanQueueSubmission submission in _submissions.GetConsumingEnumerable())
        {
            if (Fault is { } fault)
            {
                _inFlight.Add(VulkanBatch.Failure(submission, 0, fault));
                continue;
            }

            VulkanBatch? batch = null;
            int index = 0;
            try
            {
                batch = _allocator.NewBatch();
                for (; index < submission.Commands.Length; index++)
                    batch = _recorder.Record(submission.Commands[index], batch);
                batch.Submission = submission;
                _recorder.Flush(batch);
                Interlocked.Increment(ref _recorded);
            }
            catch (Exception ex)
            {
                // The commands before the failing one still run, as on every queue.
                if (batch is { Submitted: false })
                {
                    try
                    {
                        _recorder.Flush(batch);
                    }
                    catch (VulkanException)
                    {
                        _allocator.Abandon(batch);
                    }
                }

                CommandQueueFaultedException faulted = DeviceQueueWork.RecordCommandFault(_intake, Name, Kind, submission.Number, submission.Commands, index, ex, _disposing.IsCancellationRequested);
                _inFlight.Add(VulkanBatch.Failure(submission, index, faulted));
            }
        }
    }
}
