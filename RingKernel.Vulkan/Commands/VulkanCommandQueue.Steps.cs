using RingKernel.Commands;
using RingKernel.Vulkan.Memory;

namespace RingKernel.Vulkan.Commands;

// What a VulkanCommandQueue's worker and completion threads (DeviceQueueThreads) do on the device:
// record batches into command buffers, submit them signalling the queue's timeline semaphore, and wait on it.
public sealed partial class VulkanCommandQueue : IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>
{
    string IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.DeviceWork => "waiting for the device";

    string? IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.Refusal(QueueCommand command) => command switch
    {
        CopyCommand copy when copy.Source is not VulkanBuffer || copy.Destination is not VulkanBuffer =>
            "a Vulkan queue copies between buffers of its backend (its MemorySpace or AllocateDeviceLocal); use UploadAsync or DownloadAsync for host memory",
        CopyCommand copy when ReferenceEquals(copy.Source, copy.Destination) && copy.SourceOffset < copy.DestinationOffset + copy.Length && copy.DestinationOffset < copy.SourceOffset + copy.Length =>
            "Vulkan copies may not overlap within one buffer",
        _ => null,
    };

    IDisposable? IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.RecordingScope() => null;

    VulkanBatch IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.NewBatch() => _allocator.NewBatch();

    VulkanBatch IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.Record(QueueCommand command, VulkanBatch batch) => _recorder.Record(command, batch);

    void IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.Submit(VulkanBatch batch) => _recorder.Flush(batch);

    void IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.SubmitAfterFailure(VulkanBatch batch)
    {
        // A failure inside the recorder may come after it submitted the batch.
        if (batch.Submitted)
            return;
        try
        {
            _recorder.Flush(batch);
        }
        catch (VulkanException)
        {
            _allocator.Abandon(batch);
        }
    }

    VulkanBatch IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.Failure(VulkanQueueSubmission submission, int from, Exception fault) =>
        VulkanBatch.Failure(submission, from, fault);

    Exception? IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.WaitFor(VulkanBatch batch)
    {
        try
        {
            _semaphore.Wait(batch.SemaphoreValue, Timeout.InfiniteTimeSpan);
            return null;
        }
        catch (VulkanException lost)
        {
            // The device is gone (VK_ERROR_DEVICE_LOST).
            return lost;
        }
    }

    void IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.Completed(VulkanBatch batch)
    {
        _allocator.Release(batch);
        foreach ((TimelineSignal signal, ulong value) in batch.Signals)
            _backend.Signals.Completed(signal, value, _semaphore.Handle);
        if (batch.Submission is { Staging: { } staging } done)
        {
            if (done.Download is { } destination)
                staging.AsSpan(0, destination.Length).CopyTo(destination.Span);
            staging.Dispose();
        }
    }

    void IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.Abandoned(VulkanQueueSubmission submission) => submission.Staging?.Dispose();

    void IDeviceQueueSteps<VulkanQueueSubmission, VulkanBatch>.Stopped()
    {
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

        _backend.Forget(this);
    }
}
