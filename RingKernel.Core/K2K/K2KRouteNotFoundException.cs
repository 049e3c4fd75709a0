namespace RingKernel.K2K;

/// <summary>
/// Thrown at the kernel that sends on a route its routing table does not hold, or receives on an
/// inbox it does not have. Nothing was sent or received.
/// </summary>
public sealed class K2KRouteNotFoundException : InvalidOperationException
{
    public K2KRouteNotFoundException(uint kernelId, int route, bool inbox)
        : base(Describe(kernelId, route, inbox))
    {
        KernelId = kernelId;
        Route = route;
        IsInbox = inbox;
    }

    /// <summary>The kernel that sent (or received).</summary>
    public uint KernelId { get; }

    /// <summary>The route number it used.</summary>
    public int Route { get; }

    /// <summary>True when the kernel tried to receive on an inbox, false when it tried to send.</summary>
    public bool IsInbox { get; }

    private static string Describe(uint kernelId, int route, bool inbox)
    {
        if (!K2KDirections.IsDefined(route))
            return $"Kernel {kernelId} used K2K route {route}; routes are numbered 0 to {K2KDirections.Count - 1}.";
        return inbox
            ? $"Kernel {kernelId} has no K2K inbox on route {K2KDirections.Describe(route)}: no route into it was set up, or it was torn down."
            : $"Kernel {kernelId} has no K2K route {K2KDirections.Describe(route)}: the host did not set it up, or tore it down. Nothing was sent.";
    }
}
