using System.Runtime.InteropServices;
using RingKernel.Layouts;

namespace RingKernel.Cuda.K2K;

/// <summary>
/// The device K2K wiring of a set of kernels (blocks): for every kernel, <see cref="RoutesPerKernel"/>
/// <see cref="RouteEntry"/>s and as many inbox slots. Route r of kernel k leads to inbox i of kernel t
/// when the neighbour function says so; each inbox is a single-producer ring (one sender) at
/// <c>inboxBase + (t * RoutesPerKernel + i) * InboxStride</c> in device memory. A route with no
/// neighbour has InboxAddress 0, and an inbox no route reaches has address 0.
/// </summary>
internal sealed class DeviceRouteTable
{
    private DeviceRouteTable(int kernels, int routesPerKernel, RouteEntry[] routes, ulong[] inboxes, long inboxStride, int inboxCapacity, int inboxSlotSize)
    {
        Kernels = kernels;
        RoutesPerKernel = routesPerKernel;
        Routes = routes;
        Inboxes = inboxes;
        InboxStride = inboxStride;
        InboxCapacity = inboxCapacity;
        InboxSlotSize = inboxSlotSize;
    }

    public int Kernels { get; }

    public int RoutesPerKernel { get; }

    /// <summary>Kernel k's route r at index k * RoutesPerKernel + r.</summary>
    public RouteEntry[] Routes { get; }

    /// <summary>Device address of kernel k's inbox i at index k * RoutesPerKernel + i; 0 when unused.</summary>
    public ulong[] Inboxes { get; }

    /// <summary>Bytes between consecutive inboxes (header and slots, rounded up to 256).</summary>
    public long InboxStride { get; }

    public int InboxCapacity { get; }

    public int InboxSlotSize { get; }

    /// <summary>Bytes of device memory all inboxes need.</summary>
    public long InboxBytes => InboxStride * Kernels * RoutesPerKernel;

    /// <summary>Bytes one inbox needs before rounding.</summary>
    public static long InboxSize(int capacity, int slotSize) => RingHeader.Size + ((long)capacity * slotSize);

    /// <summary>Wires <paramref name="kernels"/> kernels: <paramref name="neighbour"/>(k, r) says where route r of kernel k leads, or null for nowhere.</summary>
    /// <exception cref="ArgumentException">Two routes lead to the same inbox (an inbox has one producer), or a route leads outside the table.</exception>
    public static DeviceRouteTable Build(int kernels, int routesPerKernel, Func<int, int, DeviceRoute?> neighbour, ulong inboxBase, int inboxCapacity, int inboxSlotSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(routesPerKernel);
        ArgumentNullException.ThrowIfNull(neighbour);
        if (inboxCapacity < 2 || (inboxCapacity & (inboxCapacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(inboxCapacity), inboxCapacity, "An inbox holds a power of two of at least 2 slots.");
        if (inboxSlotSize <= 0 || inboxSlotSize % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(inboxSlotSize), inboxSlotSize, "An inbox slot is a positive multiple of 8 bytes.");
        long stride = (InboxSize(inboxCapacity, inboxSlotSize) + 255) & ~255L;
        var routes = new RouteEntry[kernels * routesPerKernel];
        var inboxes = new ulong[kernels * routesPerKernel];
        var claimed = new bool[kernels * routesPerKernel];
        for (int kernel = 0; kernel < kernels; kernel++)
        {
            for (int route = 0; route < routesPerKernel; route++)
            {
                if (neighbour(kernel, route) is not { } to)
                    continue;
                if ((uint)to.Target >= (uint)kernels || (uint)to.Inbox >= (uint)routesPerKernel)
                    throw new ArgumentException($"Route {route} of kernel {kernel} leads to inbox {to.Inbox} of kernel {to.Target}, outside the table of {kernels} kernels with {routesPerKernel} inboxes each.", nameof(neighbour));
                int inbox = (to.Target * routesPerKernel) + to.Inbox;
                if (claimed[inbox])
                    throw new ArgumentException($"Two routes lead to inbox {to.Inbox} of kernel {to.Target}; an inbox has exactly one sender.", nameof(neighbour));
                ulong address = inboxBase + (ulong)(inbox * stride);
                inboxes[inbox] = address;
                claimed[inbox] = true;
                routes[(kernel * routesPerKernel) + route] = new RouteEntry
                {
                    InboxAddress = address,
                    NextSequence = 0,
                    TargetKernelId = (uint)to.Target,
                    Direction = (uint)route,
                    InboxCapacity = (uint)inboxCapacity,
                    InboxSlotSize = (uint)inboxSlotSize,
                };
            }
        }

        return new DeviceRouteTable(kernels, routesPerKernel, routes, inboxes, stride, inboxCapacity, inboxSlotSize);
    }

    /// <summary>The bytes of every inbox, formatted empty (a single-producer ring header, zeroed slots), to upload at the inbox base.</summary>
    public byte[] FormatInboxes()
    {
        byte[] bytes = new byte[InboxBytes];
        var header = new RingHeader
        {
            Capacity = (uint)InboxCapacity,
            SlotSize = (uint)InboxSlotSize,
            Kind = RingKind.SingleProducer,
            Magic = RingHeader.FormattedMagic,
        };
        for (int i = 0; i < Kernels * RoutesPerKernel; i++)
            MemoryMarshal.Write(bytes.AsSpan((int)(i * InboxStride), RingHeader.Size), in header);
        return bytes;
    }

    /// <summary>The route entries as bytes, to upload.</summary>
    public ReadOnlySpan<byte> RouteBytes => MemoryMarshal.AsBytes(Routes.AsSpan());
}
