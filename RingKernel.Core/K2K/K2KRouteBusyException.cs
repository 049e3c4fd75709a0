namespace RingKernel.K2K;

/// <summary>
/// Thrown when the host tries to tear down a K2K route that is still in use: its inbox holds
/// messages the receiver has not taken, or a kernel is parked waiting on it. The route is left as it
/// was; drain it (or stop the waiting kernel) and tear it down again.
/// </summary>
public sealed class K2KRouteBusyException : InvalidOperationException
{
    public K2KRouteBusyException(K2KRoute route, int pendingMessages, string reason)
        : base(Describe(route, reason))
    {
        SourceKernelId = route.SourceKernelId;
        Route = route.Route;
        TargetKernelId = route.TargetKernelId;
        PendingMessages = pendingMessages;
    }

    public uint SourceKernelId { get; }

    public int Route { get; }

    public uint TargetKernelId { get; }

    /// <summary>Messages still in the inbox when the tear-down was refused.</summary>
    public int PendingMessages { get; }

    private static string Describe(K2KRoute route, string reason)
    {
        ArgumentNullException.ThrowIfNull(route);
        return $"K2K route {K2KDirections.Describe(route.Route)} from kernel {route.SourceKernelId} to kernel {route.TargetKernelId} was not torn down: {reason}.";
    }
}
