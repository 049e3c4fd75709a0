using System.Numerics;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using RingKernel.Telemetry;

namespace RingKernel.K2K;

/// <summary>
/// The host's K2K registry: it registers kernels, gives each a dense routing table of
/// <see cref="K2KDirections.Count"/> <see cref="RouteEntry"/> values in device-visible memory, and sets
/// up and tears down routes, each a directed edge with its own lock-free SPSC inbox ring in the memory
/// space's buffers. Kernels send and receive through their <see cref="K2KEndpoint"/>, with no host
/// round trip.
/// </summary>
/// <remarks>
/// <para>A route is named by its sender and the sender's route number; it lands in one of the
/// receiver's inboxes, also named by a route number. Grid neighbourhoods use the
/// <see cref="K2KDirection"/> codes: a message sent on direction <c>d</c> arrives in the neighbour's
/// inbox <c>Opposite(d)</c>.</para>
/// <para>Routes are set up and torn down by the host. A route is torn down only when its inbox is
/// empty and no kernel is parked on it; otherwise <see cref="Disconnect"/> refuses with
/// <see cref="K2KRouteBusyException"/>, so queued messages are never dropped. The host must not tear
/// down a route while its sender may still send on it. Dispose the fabric once no kernel uses it.</para>
/// <para>The registry's methods are thread-safe; they take a lock that sending and receiving never take.</para>
/// </remarks>
public sealed class K2KFabric : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<uint, K2KEndpoint> _kernels = [];
    private readonly List<K2KRoute> _routes = [];
    private readonly IDisposable _telemetry;
    private static int s_unnamed;
    private long _retiredMessages;
    private long _retiredBytes;
    private bool _disposed;

    /// <param name="memorySpace">Where routing tables and inboxes are allocated: the backend's memory space.</param>
    /// <param name="types">The message types kernels may send over K2K; payloads must fit <paramref name="inboxSlotSize"/> less the 64-byte header.</param>
    /// <param name="inboxCapacity">Slots per inbox: a power of two of at least 2.</param>
    /// <param name="inboxSlotSize">Bytes per inbox slot, header included: a multiple of 64.</param>
    /// <param name="checksummed">Whether every K2K message carries a CRC-32C that the receiver verifies.</param>
    /// <param name="name">What telemetry calls the fabric (<see cref="Name"/>); <c>k2k-</c> and a number unique in the process unless given.</param>
    public K2KFabric(IMemorySpace memorySpace, MessageTypeRegistry types, int inboxCapacity = 64, int inboxSlotSize = 256, bool checksummed = true, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(memorySpace);
        ArgumentNullException.ThrowIfNull(types);
        if (inboxCapacity < SlotRing.MinCapacity || inboxCapacity > SlotRing.MaxCapacity || !BitOperations.IsPow2(inboxCapacity))
            throw new ArgumentOutOfRangeException(nameof(inboxCapacity), inboxCapacity, $"An inbox capacity is a power of two from {SlotRing.MinCapacity} to {SlotRing.MaxCapacity}.");
        if (inboxSlotSize < MessageHeader.Size || inboxSlotSize > LaunchOptions.MaxMessageSlotBytes || inboxSlotSize % LaunchOptions.SlotAlignment != 0)
            throw new ArgumentOutOfRangeException(nameof(inboxSlotSize), inboxSlotSize, $"An inbox slot is a multiple of {LaunchOptions.SlotAlignment} bytes from {MessageHeader.Size} to {LaunchOptions.MaxMessageSlotBytes}.");
        if (types.MaxPayloadSize > inboxSlotSize - MessageHeader.Size)
            throw new ArgumentException($"The registry admits payloads of up to {types.MaxPayloadSize} bytes, but {inboxSlotSize}-byte inbox slots hold at most {inboxSlotSize - MessageHeader.Size}.", nameof(types));

        MemorySpace = memorySpace;
        Types = types;
        InboxCapacity = inboxCapacity;
        InboxSlotSize = inboxSlotSize;
        Checksummed = checksummed;
        Name = name ?? $"k2k-{Interlocked.Increment(ref s_unnamed)}";
        _telemetry = RingKernelTelemetry.ObserveK2KFabric(Name, () => MessagesSent, () => BytesSent);
    }

    /// <summary>The fabric's name: the <see cref="RingKernelTags.K2KFabric"/> attribute of its telemetry.</summary>
    public string Name { get; }

    public IMemorySpace MemorySpace { get; }

    /// <summary>The payload types K2K messages may carry.</summary>
    public MessageTypeRegistry Types { get; }

    public int InboxCapacity { get; }

    public int InboxSlotSize { get; }

    public bool Checksummed { get; }

    /// <summary>The number of routes set up now.</summary>
    public int RouteCount
    {
        get
        {
            lock (_gate)
                return _routes.Count;
        }
    }

    /// <summary>Messages sent over the fabric's routes so far, those torn down included (see <see cref="K2KRoute.MessagesSent"/>).</summary>
    public long MessagesSent
    {
        get
        {
            lock (_gate)
                return _retiredMessages + _routes.Sum(route => route.MessagesSent);
        }
    }

    /// <summary>Payload bytes host-side senders sent over the fabric's routes so far, those torn down included (see <see cref="K2KRoute.BytesSent"/>).</summary>
    public long BytesSent
    {
        get
        {
            lock (_gate)
                return _retiredBytes + _routes.Sum(route => route.BytesSent);
        }
    }

    /// <summary>The routes set up now, in the order they were set up.</summary>
    public IReadOnlyList<K2KRoute> Routes
    {
        get
        {
            lock (_gate)
                return [.. _routes];
        }
    }

    /// <summary>Registers kernel <paramref name="kernelId"/> with an empty routing table and returns its endpoint.</summary>
    /// <exception cref="ArgumentException">The id is already registered.</exception>
    public K2KEndpoint Register(uint kernelId)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_kernels.ContainsKey(kernelId))
                throw new ArgumentException($"Kernel {kernelId} is already registered with the K2K fabric.", nameof(kernelId));
            return RegisterLocked(kernelId);
        }
    }

    /// <summary>The endpoint of registered kernel <paramref name="kernelId"/>.</summary>
    /// <exception cref="ArgumentException">The id is not registered.</exception>
    public K2KEndpoint Endpoint(uint kernelId)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return EndpointLocked(kernelId, nameof(kernelId));
        }
    }

    /// <summary>
    /// Sets up a route from <paramref name="sourceKernelId"/>'s route <paramref name="route"/> into
    /// <paramref name="targetKernelId"/>'s inbox <paramref name="inboxRoute"/>, with a new, empty inbox,
    /// and writes its entry into the sender's routing table.
    /// </summary>
    /// <exception cref="ArgumentException">A kernel is not registered, a route number is out of range, or the sender's route or the receiver's inbox is already in use.</exception>
    public K2KRoute Connect(uint sourceKernelId, int route, uint targetKernelId, int inboxRoute)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            K2KEndpoint source = EndpointLocked(sourceKernelId, nameof(sourceKernelId));
            K2KEndpoint target = EndpointLocked(targetKernelId, nameof(targetKernelId));
            CheckFree(source, route, target, inboxRoute);
            return ConnectLocked(source, route, target, inboxRoute);
        }
    }

    /// <summary>Sets up a route in <paramref name="direction"/>, landing in the target's inbox for the opposite direction.</summary>
    /// <exception cref="ArgumentException">See <see cref="Connect(uint, int, uint, int)"/>.</exception>
    public K2KRoute Connect(uint sourceKernelId, K2KDirection direction, uint targetKernelId) =>
        Connect(sourceKernelId, (int)direction, targetKernelId, (int)direction.Opposite());

    /// <summary>
    /// Registers each of <paramref name="kernelIds"/> that is not registered yet and sets up every route
    /// of <paramref name="routes"/> (source, direction, target), each landing in the target's inbox for
    /// the opposite direction. Either every route is set up or none is.
    /// </summary>
    /// <returns>The number of routes set up.</returns>
    /// <exception cref="ArgumentException">A route or inbox is already in use, or a route names a kernel not in <paramref name="kernelIds"/> nor registered.</exception>
    public int ConnectAll(IReadOnlyCollection<uint> kernelIds, IReadOnlyCollection<(uint Source, K2KDirection Direction, uint Target)> routes)
    {
        ArgumentNullException.ThrowIfNull(kernelIds);
        ArgumentNullException.ThrowIfNull(routes);
        var added = new HashSet<uint>(kernelIds);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach ((uint source, K2KDirection direction, uint target) in routes)
            {
                foreach (uint kernelId in (uint[])[source, target])
                {
                    if (!added.Contains(kernelId) && !_kernels.ContainsKey(kernelId))
                        throw new ArgumentException($"A route in direction {direction} names kernel {kernelId}, which is neither registered nor among the kernels to register.", nameof(routes));
                }

                if (_kernels.TryGetValue(source, out K2KEndpoint? sender) && _kernels.TryGetValue(target, out K2KEndpoint? receiver))
                    CheckFree(sender, (int)direction, receiver, (int)direction.Opposite());
            }

            var registered = new List<uint>();
            var connected = new List<K2KRoute>(routes.Count);
            try
            {
                foreach (uint kernelId in kernelIds)
                {
                    if (!_kernels.ContainsKey(kernelId))
                    {
                        RegisterLocked(kernelId);
                        registered.Add(kernelId);
                    }
                }

                foreach ((uint source, K2KDirection direction, uint target) in routes)
                    connected.Add(ConnectLocked(_kernels[source], (int)direction, _kernels[target], (int)direction.Opposite()));
            }
            catch
            {
                foreach (K2KRoute route in connected)
                    RemoveLocked(route);
                foreach (uint kernelId in registered)
                {
                    _kernels.Remove(kernelId, out K2KEndpoint? endpoint);
                    endpoint?.RoutingTable.Dispose();
                }

                throw;
            }

            return connected.Count;
        }
    }

    /// <summary>The route on <paramref name="sourceKernelId"/>'s route number <paramref name="route"/>, or null.</summary>
    public K2KRoute? FindRoute(uint sourceKernelId, int route)
    {
        lock (_gate)
            return _kernels.TryGetValue(sourceKernelId, out K2KEndpoint? source) ? source.FindRoute(route) : null;
    }

    /// <summary>
    /// Tears down the route on <paramref name="sourceKernelId"/>'s route number <paramref name="route"/>:
    /// clears its routing-table entry and frees its inbox. Call it when the sender no longer sends on it.
    /// </summary>
    /// <exception cref="K2KRouteNotFoundException">There is no such route.</exception>
    /// <exception cref="K2KRouteBusyException">The inbox still holds messages, or a kernel is parked on it; the route is left as it was.</exception>
    public void Disconnect(uint sourceKernelId, int route)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            K2KRoute found = (_kernels.TryGetValue(sourceKernelId, out K2KEndpoint? source) ? source.FindRoute(route) : null)
                ?? throw new K2KRouteNotFoundException(sourceKernelId, route, inbox: false);
            int pending = found.Pending;
            if (pending > 0)
                throw new K2KRouteBusyException(found, pending, $"its inbox still holds {pending} message(s) kernel {found.TargetKernelId} has not received; drain them first");
            if (found.HasParkedWaiters)
                throw new K2KRouteBusyException(found, 0, "a kernel is parked waiting on its inbox; stop it first");
            RemoveLocked(found);
        }
    }

    /// <summary>Frees every routing table and inbox. Call it once no kernel sends or receives; endpoints then have no routes.</summary>
    public void Dispose()
    {
        // Outside the lock: a collection holds the telemetry's lock while it takes this one.
        _telemetry.Dispose();
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (K2KRoute route in _routes.ToArray())
                RemoveLocked(route);
            foreach (K2KEndpoint endpoint in _kernels.Values)
                endpoint.RoutingTable.Dispose();
            _kernels.Clear();
        }
    }

    private K2KEndpoint RegisterLocked(uint kernelId)
    {
        // Allocate zeroes the table: every route starts absent.
        DeviceBuffer table = MemorySpace.Allocate((long)K2KDirections.Count * RouteEntry.Size);
        var endpoint = new K2KEndpoint(kernelId, table, Name);
        _kernels.Add(kernelId, endpoint);
        return endpoint;
    }

    private K2KEndpoint EndpointLocked(uint kernelId, string parameterName) =>
        _kernels.TryGetValue(kernelId, out K2KEndpoint? endpoint)
            ? endpoint
            : throw new ArgumentException($"Kernel {kernelId} is not registered with the K2K fabric.", parameterName);

    private static void CheckFree(K2KEndpoint source, int route, K2KEndpoint target, int inboxRoute)
    {
        if (!K2KDirections.IsDefined(route))
            throw new ArgumentOutOfRangeException(nameof(route), route, $"K2K routes are numbered 0 to {K2KDirections.Count - 1}.");
        if (!K2KDirections.IsDefined(inboxRoute))
            throw new ArgumentOutOfRangeException(nameof(inboxRoute), inboxRoute, $"K2K inboxes are numbered 0 to {K2KDirections.Count - 1}.");
        if (source.FindRoute(route) is { } used)
            throw new ArgumentException($"Kernel {source.KernelId}'s route {K2KDirections.Describe(route)} is already in use ({used}); tear it down first.", nameof(route));
        if (target.FindInbox(inboxRoute) is { } feeding)
            throw new ArgumentException($"Kernel {target.KernelId}'s inbox {K2KDirections.Describe(inboxRoute)} is already in use ({feeding}); tear that route down first.", nameof(inboxRoute));
    }

    private unsafe K2KRoute ConnectLocked(K2KEndpoint source, int route, K2KEndpoint target, int inboxRoute)
    {
        DeviceBuffer buffer = MemorySpace.Allocate(SlotRing.RequiredBytes(RingKind.SingleProducer, InboxCapacity, InboxSlotSize));
        K2KRoute created;
        try
        {
            var inbox = new MessageRing(SpscRing.Create(buffer, InboxCapacity, InboxSlotSize), Types, Checksummed);
            var entry = (RouteEntry*)(source.RoutingTable.HostPointer + ((long)route * RouteEntry.Size));
            created = new K2KRoute(source.KernelId, route, target.KernelId, inboxRoute, buffer, inbox, entry);

            *entry = new RouteEntry
            {
                NextSequence = K2KRoute.FirstSequence,
                TargetKernelId = target.KernelId,
                Direction = (uint)route,
                InboxCapacity = (uint)InboxCapacity,
                InboxSlotSize = (uint)InboxSlotSize,
            };

            // The address last: a device reading the table sees a present route only once the rest is written.
            Volatile.Write(ref entry->InboxAddress, buffer.DeviceAddress);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        source.SetRoute(route, created);
        target.SetInbox(inboxRoute, created);
        _routes.Add(created);
        return created;
    }

    private void RemoveLocked(K2KRoute route)
    {
        K2KEndpoint source = _kernels[route.SourceKernelId];
        K2KEndpoint target = _kernels[route.TargetKernelId];
        source.SetRoute(route.Route, null);
        target.SetInbox(route.InboxRoute, null);
        _retiredMessages += route.MessagesSent;
        _retiredBytes += route.BytesSent;
        route.ClearEntry();
        _routes.Remove(route);
        route.InboxBuffer.Dispose();
    }
}
