using RingKernel.Commands;
using RingKernel.Metal.Interop;
using RingKernel.Metal.Memory;

namespace RingKernel.Metal.Commands;

// What a MetalCommandQueue's worker and completion threads (DeviceQueueThreads) do on the device: encode
// command buffers, commit them signalling the queue's shared event, and wait for each in order.
public sealed partial class MetalCommandQueue : IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>
{
    string IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.DeviceWork => "a command buffer on the device";

    string? IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.Refusal(QueueCommand command) => command switch
    {
        CopyCommand copy when copy.Source is not MetalBuffer || copy.Destination is not MetalBuffer =>
            "a Metal queue copies between buffers of its backend (its MemorySpace or AllocatePrivate)",
        CopyCommand copy => MetalBlits.Refusal(ReferenceEquals(copy.Source, copy.Destination), copy.SourceOffset, copy.DestinationOffset, copy.Length),
        _ => null,
    };

    IDisposable? IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.RecordingScope() => AutoreleasePool.Push();

    MetalBatch IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.NewBatch() => _encoder.NewBatch();

    MetalBatch IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.Record(QueueCommand command, MetalBatch batch) => _encoder.Encode(command, batch);

    void IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.Submit(MetalBatch batch) => _encoder.Commit(batch);

    void IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.SubmitAfterFailure(MetalBatch batch)
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

    MetalBatch IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.Failure(DeviceQueueSubmission submission, int from, Exception fault) =>
        MetalBatch.Failure(submission, from, fault);

    Exception? IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.WaitFor(MetalBatch batch)
    {
        try
        {
            using AutoreleasePool pool = AutoreleasePool.Push();
            MetalCommandBuffers.WaitAndCheck(batch.CommandBuffer!.Id, $"queue '{Name}'");
            return null;
        }
        catch (MetalException failure)
        {
            return failure;
        }
        finally
        {
            batch.CommandBuffer!.Dispose();
        }
    }

    void IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.Completed(MetalBatch batch)
    {
        foreach ((TimelineSignal signal, ulong value) in batch.Signals)
            _backend.Signals.Completed(signal, value, _timeline);
    }

    void IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.Abandoned(DeviceQueueSubmission submission)
    {
        // A Metal submission holds nothing beyond its commands.
    }

    void IDeviceQueueSteps<DeviceQueueSubmission, MetalBatch>.Stopped()
    {
        _timeline.Dispose();
        _queue.Dispose();
        _backend.Forget(this);
    }
}
