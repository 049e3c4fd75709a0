namespace RingKernel.Kernels.Persistent;

/// <summary>
/// Where a ring kernel is in its life: Created → Launched → Active ⇄ Inactive → Terminating →
/// Terminated, and Faulted when its body fails. <see cref="RingKernelLifecycle"/> holds the legal moves.
/// </summary>
public enum RingKernelState
{
    /// <summary>Memory allocated, not running.</summary>
    Created,

    /// <summary>Running, not yet told to consume: messages queue up.</summary>
    Launched,

    /// <summary>Consuming its input ring.</summary>
    Active,

    /// <summary>Running but not consuming (deactivated); messages stay queued.</summary>
    Inactive,

    /// <summary>Told to terminate; finishing the message in hand.</summary>
    Terminating,

    /// <summary>Its loop has ended; unprocessed messages are still in the input ring.</summary>
    Terminated,

    /// <summary>Its body threw; the message it was processing is still in the input ring.</summary>
    Faulted,
}
