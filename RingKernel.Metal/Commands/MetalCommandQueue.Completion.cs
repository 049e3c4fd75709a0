using RingKernel.Commands;
using RingKernel.Metal.Interop;
using RingKernel.Vulkan.Commands;

namespace RingKernel.Metal.Commands;

// The completion thread of a MetalCommandQueue: part of the queue because it ends the work the worker
// started, in order, and shares the queue's fault and Progress with it.
public sealed partial class MetalCommandQueue
{
    /// <summary>The completion thread: in commit order, waits for each batch on the device, then raises its signals.</summary>
    private void Complete()
    {
        foreach (MetalBatch batch in _inFlight.GetConsumingEnumerable())
        {
            if (batch.Fault is { } fault)
            {
                MetalQueueSubmission failed = batch.Submission!;
                SignalCommand.FailAll(failed.Commands.AsSpan(batch.FailedFrom), fault);
                Progress.Fail(fault);
                continue;
            }

            try
            {
                using AutoreleasePool pool = AutoreleasePool.Push();
                MetalCommandBuffers.WaitAndCheck(batch.CommandBuffer!.Id, $"queue '{Name}'");
            }
            catch (MetalException failure)
            {
                // A pass failed on the device (or the device is gone): nothing after this completes.
                var faulted = new CommandQueueFaultedException(Name, Kind, batch.Submission?.Number ?? _intake.Submitted, 0, "a command buffer on the device", failure);
                _intake.RecordFault(faulted);
                foreach ((TimelineSignal signal, _) in batch.Signals)
                    signal.Fail(faulted);
                Progress.Fail(faulted);
                continue;
            }
            finally
            {
                batch.CommandBuffer!.Dispose();
            }

            foreach ((TimelineSignal signal, ulong value) in batch.Signals)
            {
                DeviceQueueWork.Raise(signal, value);
                _backend.Signals.Completed(signal, value, _timeline);
            }

            if (batch.Submission is { } done)
                Progress.Signal(done.Number);
        }
    }
}
