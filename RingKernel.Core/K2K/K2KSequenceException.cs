namespace RingKernel.K2K;

/// <summary>
/// Thrown at the receiver when the next message in a K2K inbox does not carry the sequence number
/// that follows the last one received on that route: messages were lost (a gap) or delivered twice
/// or out of order. The message stays in the inbox.
/// </summary>
public sealed class K2KSequenceException : InvalidOperationException
{
    public K2KSequenceException(K2KRoute route, ulong expected, ulong actual)
        : base(Describe(route, expected, actual))
    {
        SourceKernelId = route.SourceKernelId;
        TargetKernelId = route.TargetKernelId;
        InboxRoute = route.InboxRoute;
        Expected = expected;
        Actual = actual;
    }

    public uint SourceKernelId { get; }

    /// <summary>The receiving kernel.</summary>
    public uint TargetKernelId { get; }

    /// <summary>The receiver's inbox the message was in.</summary>
    public int InboxRoute { get; }

    public ulong Expected { get; }

    public ulong Actual { get; }

    private static string Describe(K2KRoute route, ulong expected, ulong actual)
    {
        ArgumentNullException.ThrowIfNull(route);
        string what = actual > expected
            ? $"{actual - expected} message(s) before it never arrived"
            : "it repeats or precedes a message already received";
        return $"Kernel {route.TargetKernelId}'s K2K inbox {K2KDirections.Describe(route.InboxRoute)} from kernel {route.SourceKernelId} holds message {actual}, expected {expected}: {what}.";
    }
}
