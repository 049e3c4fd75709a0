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
    private readonly DeviceQueueThreads<VulkanQueueSubmission, VulkanBatch> _threads;

    internal VulkanCommandQueue(VulkanBackend backend, VulkanDevice device, QueueKind kind, string name)
    {
        _threads = new DeviceQueueThreads<VulkanQueueSubmission, VulkanBatch>("vulkan", kind, name);
        _backend = backend;
        _device = device;
        _allocator = new VulkanBatchAllocator(device);
        _semaphore = new VulkanTimelineSemaphore(device, 0);
        _recorder = new VulkanBatchRecorder(backend, device, kind, _allocator, _semaphore, _threads.InFlight, _threads.Disposing);
        _threads.Start(this);
    }

    public string Name => _threads.Name;

    public QueueKind Kind => _threads.Kind;

    public TimelineSignal Progress => _threads.Progress;

    public Exception? Fault => _threads.Fault;

    /// <summary>True when this queue has a Vulkan queue of its own rather than sharing the compute queue (copy queues on devices whose compute family has two queues).</summary>
    public bool HasOwnDeviceQueue => Kind == QueueKind.Compute || _device.CopyQueue.Handle != _device.Queue.Handle;

    /// <summary>Submissions the worker has recorded and handed to the device in full (they may still be running).</summary>
    public long RecordedSubmissions => _threads.DeviceSubmissions;

    /// <summary>Wait commands this queue turned into device-side waits on another batch's semaphore.</summary>
    public long DeviceWaits => _recorder.DeviceWaits;

    /// <summary>Wait commands this queue's worker waited out on the host.</summary>
    public long HostWaits => _recorder.HostWaits;

    public CommandToken Submit(CommandList commands) =>
        _threads.Submit(commands, static (number, snapshot) => new VulkanQueueSubmission(number, snapshot, null, null));

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
            _threads.Check(copy, 0, nameof(destination));
            return _threads.Enqueue((Copy: copy, Staging: staging), static (number, transfer) =>
                new VulkanQueueSubmission(number, [transfer.Copy], transfer.Staging, null));
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
            _threads.Check(copy, 0, nameof(source));
            return _threads.Enqueue((Copy: copy, Staging: staging, Destination: destination), static (number, transfer) =>
                new VulkanQueueSubmission(number, [transfer.Copy], transfer.Staging, transfer.Destination));
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
    public void Dispose() => _threads.Dispose();

    public override string ToString() => $"{Kind} queue '{Name}' on {_backend.Device.Name}";
}
