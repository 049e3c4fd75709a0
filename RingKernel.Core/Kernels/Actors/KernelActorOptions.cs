using RingKernel.K2K;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Kernels.Actors;

/// <summary>How a <see cref="KernelActor{TArgs}"/> talks to and watches its kernel.</summary>
public sealed class KernelActorOptions
{
    private readonly TimeSpan _watchdogInterval = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _stallTimeout = TimeSpan.FromSeconds(10);
    private readonly int _expectedPendingRequests = 1024;
    private readonly TimeSpan _askTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The payload types messages to and from the kernel carry.</summary>
    public required KernelMessageTypes Messages { get; init; }

    /// <summary>How often the watchdog reads the control block, on the actor system's scheduler (1 s unless set).</summary>
    public TimeSpan WatchdogInterval
    {
        get => _watchdogInterval;
        init => _watchdogInterval = Positive(value, nameof(WatchdogInterval));
    }

    /// <summary>How long messages may wait while the heartbeat stands still before the kernel counts as stalled (10 s unless set).</summary>
    public TimeSpan StallTimeout
    {
        get => _stallTimeout;
        init => _stallTimeout = Positive(value, nameof(StallTimeout));
    }

    /// <summary>Requests awaiting a reply the correlation table is sized for up front, so it does not grow in steady state.</summary>
    public int ExpectedPendingRequests
    {
        get => _expectedPendingRequests;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _expectedPendingRequests = value;
        }
    }

    /// <summary>How long an Ask of a <see cref="KernelRef{TRequest, TReply}"/> waits for its reply unless the call says otherwise (30 s unless set; <see cref="Timeout.InfiniteTimeSpan"/> for ever).</summary>
    public TimeSpan AskTimeout
    {
        get => _askTimeout;
        init => _askTimeout = value == Timeout.InfiniteTimeSpan ? value : Positive(value, nameof(AskTimeout));
    }

    /// <summary>
    /// Whether the code after an awaited <see cref="KernelRef{TRequest, TReply}.Ask"/> runs on the output
    /// pump's thread as the reply is read (true, the default: no thread hop, the lowest latency) or is
    /// queued to the thread pool (false). Inline, a continuation that blocks delays the kernel's other
    /// replies, and one that waits synchronously for another reply of the same kernel never ends.
    /// </summary>
    public bool AskContinuationsOnPump { get; init; } = true;

    /// <summary>Whether ring messages carry a CRC-32C that the consumer checks (the default).</summary>
    public bool Checksummed { get; init; } = true;

    /// <summary>The kernel's K2K endpoint (its routes to other kernels), attached to its memory before the first launch; none unless set.</summary>
    public K2KEndpoint? K2K { get; init; }

    /// <summary>Where the kernel runs among its siblings (the tiles of a grid), for every launch; the backend's choice unless set.</summary>
    public RingKernelPlacement? Placement { get; init; }

    private static TimeSpan Positive(TimeSpan value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
        return value;
    }
}
