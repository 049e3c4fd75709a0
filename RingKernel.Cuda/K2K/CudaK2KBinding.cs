using RingKernel.K2K;
using RingKernel.Layouts;
using RingKernel.Memory;

namespace RingKernel.Cuda.K2K;

/// <summary>
/// A ring kernel's K2K endpoint as its CUDA body reads it (<c>rk_fabric_endpoint</c> in
/// Kernels/ringkernel_k2k.cuh), in mapped host memory: the routing table's device address, whether K2K
/// messages carry a CRC-32C, and the device addresses of the kernel's inboxes by route. The host sets
/// routes up and tears them down at any time, so the kernel's doorbell thread calls
/// <see cref="Refresh"/> while the kernel runs.
/// </summary>
internal sealed unsafe class CudaK2KBinding : IDisposable
{
    /// <summary>Bytes of <c>rk_fabric_endpoint</c>: routes (8), checksummed (4), reserved (4), 26 inbox addresses.</summary>
    public const int Size = InboxesOffset + (K2KDirections.Count * sizeof(ulong));

    private const int RoutesOffset = 0;
    private const int ChecksummedOffset = 8;
    private const int InboxesOffset = 16;

    private readonly K2KEndpoint _endpoint;
    private readonly DeviceBuffer _buffer;

    // The cursors the kernel moves, as last seen: the Head of each inbox it consumes, the Tail of each inbox it sends into.
    private readonly ulong[] _inboxHeads = new ulong[K2KDirections.Count];
    private readonly ulong[] _routeTails = new ulong[K2KDirections.Count];

    public CudaK2KBinding(IMemorySpace pinnedMemory, K2KEndpoint endpoint)
    {
        _endpoint = endpoint;
        _buffer = pinnedMemory.Allocate(Size);
        byte* binding = _buffer.HostPointer;
        *(ulong*)(binding + RoutesOffset) = endpoint.RoutingTable.DeviceAddress;
        Refresh();
    }

    /// <summary>The device address the kernel's K2K parameter points at.</summary>
    public ulong DeviceAddress => _buffer.DeviceAddress;

    /// <summary>
    /// Publishes the current inbox addresses and checksum setting, and wakes the host threads parked on
    /// an inbox whose cursor the kernel moved (a device cannot pulse their signals): a host sender waiting
    /// for room in an inbox the kernel consumes, a host receiver waiting on one the kernel sends into.
    /// </summary>
    /// <returns>Whether the kernel moved any inbox cursor since the last call.</returns>
    public bool Refresh()
    {
        bool moved = false;
        byte* binding = _buffer.HostPointer;
        Volatile.Write(ref *(uint*)(binding + ChecksummedOffset), Checksummed(_endpoint) ? 1u : 0u);
        ulong* inboxes = (ulong*)(binding + InboxesOffset);
        for (int route = 0; route < K2KDirections.Count; route++)
        {
            K2KRoute? inbox = _endpoint.FindInbox(route);
            Volatile.Write(ref inboxes[route], inbox?.InboxBuffer.DeviceAddress ?? 0);
            if (inbox is not null && Moved(ref InboxHeader(inbox).Head, ref _inboxHeads[route]))
            {
                inbox.WakeAfterDeviceProgress();
                moved = true;
            }

            if (_endpoint.FindRoute(route) is { } outgoing && Moved(ref InboxHeader(outgoing).Tail, ref _routeTails[route]))
            {
                outgoing.WakeAfterDeviceProgress();
                moved = true;
            }
        }

        return moved;
    }

    public void Dispose() => _buffer.Dispose();

    private static ref RingHeader InboxHeader(K2KRoute route) => ref *(RingHeader*)route.InboxBuffer.HostPointer;

    private static bool Moved(ref ulong cursor, ref ulong seen)
    {
        ulong now = Volatile.Read(ref cursor);
        if (now == seen)
            return false;
        seen = now;
        return true;
    }

    /// <summary>A fabric checksums all its routes or none; an endpoint with no route yet sends nothing, and takes the fabric default.</summary>
    private static bool Checksummed(K2KEndpoint endpoint)
    {
        for (int route = 0; route < K2KDirections.Count; route++)
        {
            if ((endpoint.FindRoute(route) ?? endpoint.FindInbox(route)) is { } any)
                return any.Checksummed;
        }

        return true;
    }
}
