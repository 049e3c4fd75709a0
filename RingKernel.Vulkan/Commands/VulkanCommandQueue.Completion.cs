using RingKernel.Commands;

namespace RingKernel.Vulkan.Commands;

// The completion thread of a VulkanCommandQueue: part of the queue because it ends the work the worker
// started, in order, and shares the queue's fault and Progress with it.
public sealed partial class VulkanCommandQueue
{
    /// <summary>The completion thread: in submission order, waits for each batch on the device, then raises its signals.</summary>
    private void Complete()
    {
        foreach (VulkanBatch batch in _inFlight.GetConsumingEnumerable())
        {
            if (batch.Fault is { } fault)
            {
                VulkanQueueSubmission failed = batch.Submission!;
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
                var faulted = new CommandQueueFaultedException(Name, Kind, batch.Submission?.Number ?? _intake.Submitted, 0, "waiting for the device", lost);
                _intake.RecordFault(faulted);
                Progress.Fail(faulted);
                continue;
            }

            _allocator.Release(batch);
            foreach ((TimelineSignal signal, ulong value) in batch.Signals)
            {
                DeviceQueueWork.Raise(signal, value);
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
}
