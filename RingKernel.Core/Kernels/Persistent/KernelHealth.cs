namespace RingKernel.Kernels.Persistent;

/// <summary>What a <see cref="KernelWatchdog"/> concluded from a kernel's control block.</summary>
public enum KernelHealth
{
    /// <summary>Making progress, or not asked to (launched, inactive, terminating).</summary>
    Healthy,

    /// <summary>Active with nothing to do: an empty input ring. Not a stall, however long it lasts.</summary>
    Idle,

    /// <summary>Messages waiting and the heartbeat still for at least the stall timeout.</summary>
    Stalled,

    /// <summary>The kernel reported a fault.</summary>
    Faulted,
}
