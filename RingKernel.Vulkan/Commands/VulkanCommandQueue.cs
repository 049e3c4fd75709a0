using System.Collections.Concurrent;
using RingKernel.Commands;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
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
public sealed unsafe class VulkanCommandQueue : ICommandQueue
{
    private const int SetsPerDescriptorPool = 32;

    private readonly VulkanBackend _backend;
    private readonly VulkanDevice _device;
    private readonly nint _queue;
    private readonly Lock _queueGate;
    private readonly ulong _commandPool;
    private readonly VulkanTimelineSemaphore _semaphore;
    private readonly BlockingCollection<Submission> _submissions = [];
    private readonly BlockingCollection<Batch> _inFlight = [];
    private readonly ConcurrentQueue<nint> _freeCommandBuffers = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _gate = new();
    private readonly Thread _worker;
    private readonly Thread _completer;
    private ulong _submitted;
    private ulong _semaphoreValue;
    private long _deviceWaits;
    private long _recorded;
    private long _hostWaits;
    private Exception? _fault;
    private bool _disposed;

    internal VulkanCommandQueue(VulkanBackend backend, VulkanDevice device, QueueKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown queue kind.");
        _backend = backend;
        _device = device;
        Kind = kind;
        Name = name;
        (_queue, _queueGate) = kind == QueueKind.Copy ? (device.CopyQueue, device.CopyQueueGate) : (device.Queue, device.QueueGate);
        _commandPool = VulkanCommandBuffers.CreatePool(device);
        _semaphore = new VulkanTimelineSemaphore(device, 0);
        Progress = new TimelineSignal($"{name}.progress");
        _worker = new Thread(RecordAndSubmit) { IsBackground = true, Name = $"vulkan queue {name}" };
        _completer = new Thread(Complete) { IsBackground = true, Name = $"vulkan queue {name} completions" };
        _worker.Start();
        _completer.Start();
    }

    public string Name { get; }

    public QueueKind Kind { get; }

    public TimelineSignal Progress { get; }

    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>True when this queue has a Vulkan queue of its own rather than sharing the compute queue (copy queues on devices whose compute family has two queues).</summary>
    public bool HasOwnDeviceQueue => Kind == QueueKind.Compute || _device.CopyQueue != _device.Queue;

    /// <summary>Submissions the worker has recorded and handed to the device in full (they may still be running).</summary>
    public long RecordedSubmissions => Interlocked.Read(ref _recorded);

    /// <summary>Wait commands this queue turned into device-side waits on another batch's semaphore.</summary>
    public long DeviceWaits => Interlocked.Read(ref _deviceWaits);

    /// <summary>Wait commands this queue's worker waited out on the host.</summary>
    public long HostWaits => Interlocked.Read(ref _hostWaits);

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
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _submissions.CompleteAdding();
        }

        _disposing.Cancel();
        _worker.Join();
        _inFlight.CompleteAdding();
        _completer.Join();
        DeviceFunctions vk = _device.Functions;
        if (!_device.IsDisposed)
        {
            // Another queue's submitted batch may still wait on this queue's semaphore on the device;
            // such waits end without the host (they wait only on submitted work), so idle the device first.
            lock (_device.QueueGate)
            {
                lock (_device.CopyQueueGate)
                    vk.DeviceWaitIdle(_device.Handle);
            }

            vk.DestroyCommandPool(_device.Handle, _commandPool, null);
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
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_fault is { } fault)
                throw new InvalidOperationException($"Command queue '{Name}' is faulted and takes no more work: {fault.Message}", fault);
            ulong number = ++_submitted;
            _submissions.Add(new Submission(number, commands, staging, download));
            return new CommandToken(Progress, number);
        }
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
        foreach (Submission submission in _submissions.GetConsumingEnumerable())
        {
            if (Fault is { } fault)
            {
                _inFlight.Add(Batch.Failure(submission, 0, fault));
                continue;
            }

            Batch? batch = null;
            int index = 0;
            try
            {
                batch = NewBatch();
                for (; index < submission.Commands.Length; index++)
                    batch = Record(submission.Commands[index], batch);
                batch.Submission = submission;
                Flush(batch);
                Interlocked.Increment(ref _recorded);
            }
            catch (Exception ex)
            {
                // The commands before the failing one still run, as on every queue.
                if (batch is { Submitted: false })
                {
                    try
                    {
                        Flush(batch);
                    }
                    catch (VulkanException)
                    {
                        Abandon(batch);
                    }
                }

                Exception reason = _disposing.IsCancellationRequested
                    ? new ObjectDisposedException(Name, $"Command queue '{Name}' was disposed before the command completed.")
                    : ex is AggregateException { InnerException: { } inner } ? inner : ex;
                string command = index < submission.Commands.Length ? submission.Commands[index].ToString()! : "the submission's last batch";
                var faulted = new CommandQueueFaultedException(Name, Kind, submission.Number, index, command, reason);
                Volatile.Write(ref _fault, faulted);
                _inFlight.Add(Batch.Failure(submission, index, faulted));
            }
        }
    }

    /// <summary>Records one command; returns the batch to record the next into (a new one after a Signal or a Wait).</summary>
    private Batch Record(QueueCommand command, Batch batch)
    {
        _disposing.Token.ThrowIfCancellationRequested();
        DeviceFunctions vk = _device.Functions;
        switch (command)
        {
            case WaitCommand wait:
                if (wait.Signal.IsReached(wait.Value))
                    return batch;
                if (_backend.Signals.TryFind(wait.Signal, wait.Value, out ulong semaphore, out ulong semaphoreValue))
                {
                    // The work recorded so far must not wait: it goes now, and the next batch waits on the device.
                    if (batch.Recorded > 0)
                    {
                        Flush(batch);
                        batch = NewBatch();
                    }

                    batch.Waits.Add((semaphore, semaphoreValue));
                    Interlocked.Increment(ref _deviceWaits);
                    return batch;
                }

                Flush(batch);
                Interlocked.Increment(ref _hostWaits);
                wait.Signal.WaitAsync(wait.Value, _disposing.Token).GetAwaiter().GetResult();
                return NewBatch();
            case ExecCommand exec:
                exec.Run(new Recorder(this, batch), _disposing.Token);
                break;
            case CopyCommand copy:
                var region = new VkBufferCopy { SrcOffset = (ulong)copy.SourceOffset, DstOffset = (ulong)copy.DestinationOffset, Size = (ulong)copy.Length };
                vk.CmdCopyBuffer(batch.CommandBuffer, _backend.OwnedBuffer(copy.Source, "the copy's source").Handle, _backend.OwnedBuffer(copy.Destination, "the copy's destination").Handle, 1, &region);
                break;
            case MemoryBarrierCommand:
                break;
            case SignalCommand signal:
                batch.Signals.Add((signal.Signal, signal.Value));
                Flush(batch);
                return NewBatch();
            default:
                throw new NotSupportedException($"The Vulkan queue has no way to run {command}.");
        }

        Barrier(batch.CommandBuffer);
        batch.Recorded++;
        return batch;
    }

    /// <summary>Everything recorded so far completes, and its writes are visible, before anything recorded after.</summary>
    private void Barrier(nint commandBuffer)
    {
        uint stages = VkConstants.StageComputeShader | VkConstants.StageTransfer;
        var barrier = new VkMemoryBarrier
        {
            SType = VkStructureType.MemoryBarrier,
            SrcAccessMask = VkConstants.AccessShaderWrite | VkConstants.AccessTransferWrite,
            DstAccessMask = VkConstants.AccessShaderRead | VkConstants.AccessShaderWrite | VkConstants.AccessTransferRead
                | VkConstants.AccessTransferWrite | VkConstants.AccessHostRead,
        };
        _device.Functions.CmdPipelineBarrier(commandBuffer, stages, stages | VkConstants.StageHost, 0, 1, &barrier, 0, null, 0, null);
    }

    private Batch NewBatch()
    {
        DeviceFunctions vk = _device.Functions;
        if (!_freeCommandBuffers.TryDequeue(out nint commandBuffer))
            commandBuffer = VulkanCommandBuffers.Allocate(_device, _commandPool);
        else
            VulkanResults.Check(vk.ResetCommandBuffer(commandBuffer, 0), "vkResetCommandBuffer");

        VulkanCommandBuffers.Begin(_device, commandBuffer);
        return new Batch(commandBuffer);
    }

    /// <summary>Submits the batch, signalling the queue's semaphore with its value, and hands it to the completion thread.</summary>
    private void Flush(Batch batch)
    {
        DeviceFunctions vk = _device.Functions;
        VulkanResults.Check(vk.EndCommandBuffer(batch.CommandBuffer), "vkEndCommandBuffer");
        ulong value = _semaphoreValue + 1;
        ulong semaphore = _semaphore.Handle;
        nint commandBuffer = batch.CommandBuffer;
        int waits = batch.Waits.Count;
        ulong* waitSemaphores = stackalloc ulong[Math.Max(1, waits)];
        ulong* waitValues = stackalloc ulong[Math.Max(1, waits)];
        uint* waitStages = stackalloc uint[Math.Max(1, waits)];
        for (int i = 0; i < waits; i++)
        {
            (waitSemaphores[i], waitValues[i]) = batch.Waits[i];
            waitStages[i] = VkConstants.StageTopOfPipe | VkConstants.StageComputeShader | VkConstants.StageTransfer;
        }

        var timelineInfo = new VkTimelineSemaphoreSubmitInfo
        {
            SType = VkStructureType.TimelineSemaphoreSubmitInfo,
            WaitSemaphoreValueCount = (uint)waits,
            PWaitSemaphoreValues = waitValues,
            SignalSemaphoreValueCount = 1,
            PSignalSemaphoreValues = &value,
        };
        var submit = new VkSubmitInfo
        {
            SType = VkStructureType.SubmitInfo,
            PNext = &timelineInfo,
            WaitSemaphoreCount = (uint)waits,
            PWaitSemaphores = waitSemaphores,
            PWaitDstStageMask = waitStages,
            CommandBufferCount = 1,
            PCommandBuffers = &commandBuffer,
            SignalSemaphoreCount = 1,
            PSignalSemaphores = &semaphore,
        };
        lock (_queueGate)
            VulkanResults.Check(vk.QueueSubmit(_queue, 1, &submit, 0), "vkQueueSubmit");
        _semaphoreValue = value;
        batch.SemaphoreValue = value;
        batch.Submitted = true;
        foreach ((TimelineSignal signal, ulong raised) in batch.Signals)
            _backend.Signals.Submitted(signal, raised, semaphore, value);
        _inFlight.Add(batch);
    }

    /// <summary>Gives back a batch that was never submitted.</summary>
    private void Abandon(Batch batch)
    {
        _device.Functions.EndCommandBuffer(batch.CommandBuffer);
        Release(batch);
    }

    private void Release(Batch batch)
    {
        foreach (ulong pool in batch.DescriptorPools)
            _device.Functions.DestroyDescriptorPool(_device.Handle, pool, null);
        batch.DescriptorPools.Clear();
        if (batch.CommandBuffer != 0)
            _freeCommandBuffers.Enqueue(batch.CommandBuffer);
    }

    /// <summary>The completion thread: in submission order, waits for each batch on the device, then raises its signals.</summary>
    private void Complete()
    {
        foreach (Batch batch in _inFlight.GetConsumingEnumerable())
        {
            if (batch.Fault is { } fault)
            {
                Submission failed = batch.Submission!;
                SignalCommand.FailAll(failed.Commands.AsSpan(batch.FailedFrom), fault);

                failed.Staging?.Dispose();
                Progress.Fail(fault);
                continue;
            }

            try
            {
                _semaphore.Wait(batch.SemaphoreValue, Timeout.InfiniteTimeSpan);
            }
            catch (VulkanException lost)
            {
                // The device is gone (VK_ERROR_DEVICE_LOST): nothing after this completes.
                var faulted = new CommandQueueFaultedException(Name, Kind, batch.Submission?.Number ?? _submitted, 0, "waiting for the device", lost);
                Volatile.Write(ref _fault, faulted);
                Progress.Fail(faulted);
                continue;
            }

            Release(batch);
            foreach ((TimelineSignal signal, ulong value) in batch.Signals)
            {
                Raise(signal, value);
                _backend.Signals.Completed(signal, value, _semaphore.Handle);
            }

            if (batch.Submission is { } done)
            {
                if (done.Staging is { } staging)
                {
                    if (done.Download is { } destination)
                        staging.AsSpan(0, destination.Length).CopyTo(destination.Span);
                    staging.Dispose();
                }

                Progress.Signal(done.Number);
            }
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

    private ulong AllocateSet(Batch batch, ulong setLayout, int buffers)
    {
        DeviceFunctions vk = _device.Functions;
        if (batch.DescriptorPools.Count == 0 || batch.SetsLeft == 0 || batch.BuffersLeft < buffers)
        {
            int descriptors = SetsPerDescriptorPool * VulkanKernelBody<object>.MaxStorageBuffers;
            var size = new VkDescriptorPoolSize { Type = VkConstants.DescriptorTypeStorageBuffer, DescriptorCount = (uint)descriptors };
            var poolInfo = new VkDescriptorPoolCreateInfo { SType = VkStructureType.DescriptorPoolCreateInfo, MaxSets = SetsPerDescriptorPool, PoolSizeCount = 1, PPoolSizes = &size };
            ulong pool;
            VulkanResults.Check(vk.CreateDescriptorPool(_device.Handle, &poolInfo, null, &pool), "vkCreateDescriptorPool");
            batch.DescriptorPools.Add(pool);
            batch.SetsLeft = SetsPerDescriptorPool;
            batch.BuffersLeft = descriptors;
        }

        var allocate = new VkDescriptorSetAllocateInfo { SType = VkStructureType.DescriptorSetAllocateInfo, DescriptorPool = batch.DescriptorPools[^1], DescriptorSetCount = 1, PSetLayouts = &setLayout };
        ulong set;
        VulkanResults.Check(vk.AllocateDescriptorSets(_device.Handle, &allocate, &set), "vkAllocateDescriptorSets");
        batch.SetsLeft--;
        batch.BuffersLeft -= buffers;
        return set;
    }

    private sealed record Submission(ulong Number, QueueCommand[] Commands, VulkanBuffer? Staging, Memory<byte>? Download);

    /// <summary>One command buffer on its way through the device, with what to do when it has run.</summary>
    private sealed class Batch(nint commandBuffer)
    {
        public nint CommandBuffer { get; } = commandBuffer;

        public ulong SemaphoreValue { get; set; }

        public bool Submitted { get; set; }

        /// <summary>Commands recorded into the command buffer.</summary>
        public int Recorded { get; set; }

        /// <summary>Other batches' semaphore values the device waits for before running this one.</summary>
        public List<(ulong Semaphore, ulong Value)> Waits { get; } = [];

        public List<(TimelineSignal Signal, ulong Value)> Signals { get; } = [];

        public List<ulong> DescriptorPools { get; } = [];

        public int SetsLeft { get; set; }

        public int BuffersLeft { get; set; }

        /// <summary>The submission this batch ends (its Progress value is raised when it completes); null for a batch cut at a Signal or Wait.</summary>
        public Submission? Submission { get; set; }

        public Exception? Fault { get; private init; }

        public int FailedFrom { get; private init; }

        public static Batch Failure(Submission submission, int from, Exception fault) =>
            new(0) { Submission = submission, Fault = fault, FailedFrom = from };
    }

    /// <summary>Hands an Exec command's typed dispatch to the backend, recording into the batch.</summary>
    private readonly struct Recorder(VulkanCommandQueue queue, Batch batch) : IKernelDispatcher
    {
        public void Dispatch<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VulkanCommandQueue owner = queue;
            Batch target = batch;
            owner._backend.RecordDispatch(kernel, args, target.CommandBuffer, (layout, buffers) => owner.AllocateSet(target, layout, buffers));
        }
    }
}
