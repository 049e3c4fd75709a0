
namespace RingKernel.Commands;

/// <summary>
/// One command buffer of a device command queue on its way through the device, with what to do when it
/// has run; or a failed submission, which the completion thread reports in its turn.
/// </summary>
public abstract class DeviceQueueBatch<TSubmission>
    where TSubmission : DeviceQueueSubmission
{
    /// <summary>The signals the batch's Signal commands raise once it has run.</summary>
    public List<(TimelineSignal Signal, ulong Value)> Signals { get; } = [];

    /// <summary>The submission this batch ends (its Progress value is raised when it completes); null for a batch cut at a Signal or Wait.</summary>
    public TSubmission? Submission { get; set; }

    /// <summary>Why the submission failed; null for a batch on the device.</summary>
    public Exception? Fault { get; protected init; }

    /// <summary>The first command of the failed submission that did not run.</summary>
    public int FailedFrom { get; protected init; }
}
