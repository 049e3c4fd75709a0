
namespace RingKernel.Commands;

/// <summary>
/// What a device command queue does on its own device, for the worker and completion threads it shares
/// (<see cref="DeviceQueueThreads{TSubmission, TBatch}"/>): for example, record command buffers and
/// signal a device timeline (a timeline semaphore, a shared event).
/// </summary>
public interface IDeviceQueueSteps<TSubmission, TBatch>
    where TSubmission : DeviceQueueSubmission
    where TBatch : DeviceQueueBatch<TSubmission>
{
    /// <summary>Why the queue cannot run <paramref name="command"/> on its device; null when it can.</summary>
    string? Refusal(QueueCommand command);

    /// <summary>What the worker holds open while it records one submission (Metal's autorelease pool); null when nothing.</summary>
    IDisposable? RecordingScope();

    /// <summary>A batch on a new command buffer.</summary>
    TBatch NewBatch();

    /// <summary>Records one command; returns the batch to record the next into (a new one after a Signal or a Wait).</summary>
    TBatch Record(QueueCommand command, TBatch batch);

    /// <summary>Submits the batch to the device and hands it to the completion thread.</summary>
    void Submit(TBatch batch);

    /// <summary>Submits what a failing submission recorded before the failure, or frees the batch when that fails too.</summary>
    void SubmitAfterFailure(TBatch batch);

    /// <summary>The batch that reports <paramref name="fault"/> for <paramref name="submission"/> from command <paramref name="from"/> on.</summary>
    TBatch Failure(TSubmission submission, int from, Exception fault);

    /// <summary>What a failed wait for the device names as the failing command.</summary>
    string DeviceWork { get; }

    /// <summary>Waits until the device has run the batch; the device's failure, or null.</summary>
    Exception? WaitFor(TBatch batch);

    /// <summary>The batch has run and its signals are raised: frees what it held on the device and forgets its device-side signals.</summary>
    void Completed(TBatch batch);

    /// <summary>The submission failed before it reached the device: frees what it held.</summary>
    void Abandoned(TSubmission submission);

    /// <summary>The threads have ended: frees the queue's device objects.</summary>
    void Stopped();
}
