using System.Runtime.InteropServices;
using RingKernel.K2K;
using RingKernel.Layouts;
using RingKernel.Memory;

namespace RingKernel.Cuda.K2K;

/// <summary>
/// A ring kernel's K2K endpoint as its CUDA body reads it (<c>rk_fabric_endpoint</c> in
/// Kernels/ringkernel_k2k.cuh), in mapped host memory: the routing table's device address, whether K2K
/// messages carry a CRC-32C, and the device addresses of the kernel's inboxes by route. The host sets
/// routes up and tears them down at any time, so the kernel's doorbell thread calls
/// <see cref="Refresh"/> while the kernel runs. Kernels whose routes stay fixed for a launch (the
/// blocks of a <see cref="Halo.CudaTileGroup"/>) take endpoints written once by <see cref="Endpoints"/>.
/// </summary>
internal sealed unsafe class CudaK2KBinding : IDisposable
{
    /// <summary>Bytes of <c>rk_fabric_endpoint</c>: routes (8), checksummed (4), reserved (4), 26 inbox addresses.</summary>
    public const int Size = InboxesOffset + (K2KDirections.Count * sizeof(ulong));

    public const int RoutesOffset = 0;
    private const int ChecksummedOffset = 8;
    public const int InboxesOffset = 16;

    private readonly K2KEndpoint _endpoint;
    private readonly DeviceBuffer _buffer;

    // The cursors the kernel moves, as last seen: the Head of each inbox it consumes, the Tail of each inbox it sends into.
    private readonly ulong[] _inboxHeads = new ulong[K2KDirections.Count];
    private readonly ulong[] _routeTails = new ulong[K2KDirections.Count];

    public CudaK2KBinding(IMemorySpace pinnedMemory, K2KEndpoint endpoint)
    {
        _endpoint = endpoint;
        _buffer = pinnedMemory.Allocate(Size);
        Write(endpoint, Binding);
        WakeWhereMoved();
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
        Publish(_endpoint, Binding);
        return WakeWhereMoved();
    }

    /// <summary>Writes <paramref name="endpoint"/> as <c>rk_fabric_endpoint</c> into the first <see cref="Size"/> bytes of <paramref name="binding"/>.</summary>
    private static void Write(K2KEndpoint endpoint, Span<byte> binding)
    {
        MemoryMarshal.Write(binding[RoutesOffset..], endpoint.RoutingTable.DeviceAddress);
        Publish(endpoint, binding);
    }

    /// <summary>
    /// The endpoints of <paramref name="fabric"/>'s kernels 0 to <paramref name="kernels"/> - 1 as a
    /// cooperative launch's blocks read them (block i's at <c>i * </c><see cref="Size"/>), for routes
    /// that stay as they are while the kernel runs.
    /// </summary>
    public static byte[] Endpoints(K2KFabric fabric, int kernels)
    {
        ArgumentNullException.ThrowIfNull(fabric);
        byte[] bytes = new byte[kernels * Size];
        for (int kernel = 0; kernel < kernels; kernel++)
            Write(fabric.Endpoint((uint)kernel), bytes.AsSpan(kernel * Size, Size));
        return bytes;
    }

    public void Dispose() => _buffer.Dispose();

    private Span<byte> Binding => _buffer.AsSpan<byte>(0, Size);

    /// <summary>The checksum setting and the inbox addresses, each written whole: a running kernel may read them.</summary>
    private static void Publish(K2KEndpoint endpoint, Span<byte> binding)
    {
        Volatile.Write(ref MemoryMarshal.Cast<byte, uint>(binding[ChecksummedOffset..])[0], Checksummed(endpoint) ? 1u : 0u);
        Span<ulong> inboxes = MemoryMarshal.Cast<byte, ulong>(binding[InboxesOffset..Size]);
        for (int route = 0; route < K2KDirections.Count; route++)
            Volatile.Write(ref inboxes[route], endpoint.FindInbox(route)?.InboxBuffer.DeviceAddress ?? 0);
    }

    private bool WakeWhereMoved()
    {
        bool moved = false;
        for (int route = 0; route < K2KDirections.Count; route++)
        {
            if (_endpoint.FindInbox(route) is { } inbox && Moved(ref InboxHeader(inbox).Head, ref _inboxHeads[route]))
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
