using System.Collections.Concurrent;
using RingKernel.Commands;
using RingKernel.Vulkan.Devices;
using RingKernel.Vulkan.Interop;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// Records a <see cref="VulkanCommandQueue"/>'s commands into batches and submits them, each batch
/// signalling the queue's timeline semaphore with the next value, and hands each submitted batch to
/// the completion thread. Every command is followed by a barrier, so each starts after the one before
/// it has completed. Used by the queue's worker thread only.
/// </summary>
internal sealed unsafe class VulkanBatchRecorder
{
    private readonly VulkanBackend _backend;
    private readonly VulkanDevice _device;
    private readonly Queue _queue;
    private readonly Lock _queueGate;
    private readonly VulkanBatchAllocator _allocator;
    private readonly VulkanTimelineSemaphore _semaphore;
    private readonly BlockingCollection<VulkanBatch> _inFlight;
    private readonly CancellationToken _disposing;
    private ulong _semaphoreValue;
    private long _deviceWaits;
    private long _hostWaits;

    public VulkanBatchRecorder(VulkanBackend backend, VulkanDevice device, QueueKind kind, VulkanBatchAllocator allocator,
        VulkanTimelineSemaphore semaphore, BlockingCollection<VulkanBatch> inFlight, CancellationToken disposing)
    {
        _backend = backend;
        _device = device;
        (_queue, _queueGate) = kind == QueueKind.Copy ? (device.CopyQueue, device.CopyQueueGate) : (device.Queue, device.QueueGate);
        _allocator = allocator;
        _semaphore = semaphore;
        _inFlight = inFlight;
        _disposing = disposing;
    }

    /// <summary>Wait commands turned into device-side waits on another batch's semaphore.</summary>
    public long DeviceWaits => Interlocked.Read(ref _deviceWaits);

    /// <summary>Wait commands waited out on the host.</summary>
    public long HostWaits => Interlocked.Read(ref _hostWaits);

    /// <summary>Records one command; returns the batch to record the next into (a new one after a Signal or a Wait).</summary>
    public VulkanBatch Record(QueueCommand command, VulkanBatch batch)
    {
        _disposing.ThrowIfCancellationRequested();
        Vk vk = _device.Api;
        switch (command)
        {
            case WaitCommand wait:
                if (wait.Signal.IsReached(wait.Value))
                    return batch;
                if (_backend.Signals.TryFind(wait.Signal, wait.Value, out Semaphore semaphore, out ulong semaphoreValue))
                {
                    // The work recorded so far must not wait: it goes now, and the next batch waits on the device.
                    if (batch.Recorded > 0)
                    {
                        Flush(batch);
                        batch = _allocator.NewBatch();
                    }

                    batch.Waits.Add((semaphore, semaphoreValue));
                    Interlocked.Increment(ref _deviceWaits);
                    return batch;
                }

                Flush(batch);
                Interlocked.Increment(ref _hostWaits);
                wait.Signal.WaitAsync(wait.Value, _disposing).GetAwaiter().GetResult();
                return _allocator.NewBatch();
            case ExecCommand exec:
                exec.Run(new VulkanExecRecorder(_backend, _allocator, batch), _disposing);
                break;
            case CopyCommand copy:
                var region = new BufferCopy { SrcOffset = (ulong)copy.SourceOffset, DstOffset = (ulong)copy.DestinationOffset, Size = (ulong)copy.Length };
                vk.CmdCopyBuffer(batch.CommandBuffer, _backend.OwnedBuffer(copy.Source, "the copy's source").Handle, _backend.OwnedBuffer(copy.Destination, "the copy's destination").Handle, 1, &region);
                break;
            case MemoryBarrierCommand:
                break;
            case SignalCommand signal:
                batch.Signals.Add((signal.Signal, signal.Value));
                Flush(batch);
                return _allocator.NewBatch();
            default:
                throw new NotSupportedException($"The Vulkan queue has no way to run {command}.");
        }

        Barrier(batch.CommandBuffer);
        batch.Recorded++;
        return batch;
    }

    /// <summary>Submits the batch, signalling the queue's semaphore with its value, and hands it to the completion thread.</summary>
    public void Flush(VulkanBatch batch)
    {
        Vk vk = _device.Api;
        VulkanResults.Check(vk.EndCommandBuffer(batch.CommandBuffer), "vkEndCommandBuffer");
        ulong value = _semaphoreValue + 1;
        Semaphore semaphore = _semaphore.Handle;
        CommandBuffer commandBuffer = batch.CommandBuffer;
        int waits = batch.Waits.Count;
        Semaphore* waitSemaphores = stackalloc Semaphore[Math.Max(1, waits)];
        ulong* waitValues = stackalloc ulong[Math.Max(1, waits)];
        PipelineStageFlags* waitStages = stackalloc PipelineStageFlags[Math.Max(1, waits)];
        for (int i = 0; i < waits; i++)
        {
            (waitSemaphores[i], waitValues[i]) = batch.Waits[i];
            waitStages[i] = PipelineStageFlags.TopOfPipeBit | PipelineStageFlags.ComputeShaderBit | PipelineStageFlags.TransferBit;
        }

        var timelineInfo = new TimelineSemaphoreSubmitInfo
        {
            SType = StructureType.TimelineSemaphoreSubmitInfo,
            WaitSemaphoreValueCount = (uint)waits,
            PWaitSemaphoreValues = waitValues,
            SignalSemaphoreValueCount = 1,
            PSignalSemaphoreValues = &value,
        };
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
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
            VulkanResults.Check(vk.QueueSubmit(_queue, 1, &submit, default), "vkQueueSubmit");
        _semaphoreValue = value;
        batch.SemaphoreValue = value;
        batch.Submitted = true;
        foreach ((TimelineSignal signal, ulong raised) in batch.Signals)
            _backend.Signals.Submitted(signal, raised, semaphore, value);
        _inFlight.Add(batch);
    }

    /// <summary>Everything recorded so far completes, and its writes are visible, before anything recorded after.</summary>
    private void Barrier(CommandBuffer commandBuffer)
    {
        PipelineStageFlags stages = PipelineStageFlags.ComputeShaderBit | PipelineStageFlags.TransferBit;
        var barrier = new MemoryBarrier
        {
            SType = StructureType.MemoryBarrier,
            SrcAccessMask = AccessFlags.ShaderWriteBit | AccessFlags.TransferWriteBit,
            DstAccessMask = AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit | AccessFlags.TransferReadBit
                | AccessFlags.TransferWriteBit | AccessFlags.HostReadBit,
        };
        _device.Api.CmdPipelineBarrier(commandBuffer, stages, stages | PipelineStageFlags.HostBit, 0, 1, &barrier, 0, null, 0, null);
    }
}
