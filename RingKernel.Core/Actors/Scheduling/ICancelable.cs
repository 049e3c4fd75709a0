namespace RingKernel.Actors.Scheduling;

/// <summary>A scheduled delivery or action that can be cancelled.</summary>
public interface ICancelable
{
    /// <summary>Prevents every execution that has not started yet; idempotent.</summary>
    void Cancel();

    bool IsCancellationRequested { get; }
}
