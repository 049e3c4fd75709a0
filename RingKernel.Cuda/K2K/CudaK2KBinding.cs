using RingKernel.K2K;
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
    /// Publishes the current inbox addresses and checksum setting, and wakes host threads parked on the kernel's routes and
    /// inboxes (a device cannot pulse their signals; they re-check and park again when nothing moved).
    /// </summary>
    public void Refresh()
    {
        byte* binding = _buffer.HostPointer;
        Volatile.Write(ref *(uint*)(binding + ChecksummedOffset), Checksummed(_endpoint) ? 1u : 0u);
        ulong* inboxes = (ulong*)(binding + InboxesOffset);
        for (int route = 0; route < K2KDirections.Count; route++)
        {
            K2KRoute? inbox = _endpoint.FindInbox(route);
            Volatile.Write(ref inboxes[route], inbox?.InboxBuffer.DeviceAddress ?? 0);
            if (inbox is { HasParkedWaiters: true })
                inbox.WakeAfterDeviceProgress();
            if (_endpoint.FindRoute(route) is { HasParkedWaiters: true } outgoing)
                outgoing.WakeAfterDeviceProgress();
        }
    }

    public void Dispose() => _buffer.Dispose();

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
