using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.K2K;

/// <summary>
/// One kernel's view of the K2K fabric: its dense routing table (<see cref="K2KDirections.Count"/>
/// <see cref="RouteEntry"/> values in a device-visible buffer, indexed by route number), sending on
/// its routes and receiving from its inboxes. Attached to a kernel's memory for its body to use, or
/// used by host code.
/// </summary>
/// <remarks>
/// <para>Sending on a route the table does not hold throws <see cref="K2KRouteNotFoundException"/> at
/// the sender. A full inbox applies backpressure: <see cref="TrySend{T}"/> returns false,
/// <see cref="SendAsync{T}"/> waits, <see cref="Send{T}"/> blocks (spins, yields, then parks until the
/// receiver frees a slot). Nothing is dropped or reordered.</para>
/// <para>At any moment one thread may send on a given route and one may receive on a given inbox;
/// different routes and inboxes may be used from different threads.</para>
/// </remarks>
public sealed class K2KEndpoint
{
    private readonly K2KRoute?[] _routes = new K2KRoute?[K2KDirections.Count];
    private readonly K2KRoute?[] _inboxes = new K2KRoute?[K2KDirections.Count];

    internal K2KEndpoint(uint kernelId, DeviceBuffer routingTable, string fabricName)
    {
        KernelId = kernelId;
        RoutingTable = routingTable;
        FabricName = fabricName;
    }

    /// <summary>The <see cref="K2KFabric.Name"/> of the fabric the kernel is registered with.</summary>
    public string FabricName { get; }

    /// <summary>The kernel's id: the source id its messages carry and the target id of routes into it.</summary>
    public uint KernelId { get; }

    /// <summary>
    /// The routing table as the device reads it: <see cref="K2KDirections.Count"/> entries of
    /// <see cref="RouteEntry.Size"/> bytes; an absent route's entry is all zero.
    /// </summary>
    public DeviceBuffer RoutingTable { get; }

    /// <summary>The routing table's entries, read in place.</summary>
    public ReadOnlySpan<RouteEntry> RouteEntries => RoutingTable.AsSpan<RouteEntry>(0, K2KDirections.Count);

    /// <summary>The route set up on <paramref name="route"/>, or null.</summary>
    public K2KRoute? FindRoute(int route) => K2KDirections.IsDefined(route) ? Volatile.Read(ref _routes[route]) : null;

    /// <summary>The route whose inbox this kernel consumes on <paramref name="route"/>, or null.</summary>
    public K2KRoute? FindInbox(int route) => K2KDirections.IsDefined(route) ? Volatile.Read(ref _inboxes[route]) : null;

    /// <summary>Sends <paramref name="message"/> on <paramref name="route"/>; false, with nothing sent, when its inbox is full.</summary>
    /// <exception cref="K2KRouteNotFoundException">This kernel has no such route.</exception>
    public bool TrySend<T>(int route, in T message)
        where T : unmanaged => RouteOf(route).TrySend(in message);

    /// <summary>
    /// Sends <paramref name="payload"/> as a message of <paramref name="typeId"/> on <paramref name="route"/>
    /// (a type registered with <see cref="MessageTypeRegistry.RegisterBytes"/> for variable lengths);
    /// false, with nothing sent, when its inbox is full. Only the payload's bytes are copied.
    /// </summary>
    /// <exception cref="K2KRouteNotFoundException">This kernel has no such route.</exception>
    /// <exception cref="ArgumentException">The type id is not registered, or is registered for another payload size.</exception>
    public bool TrySendBytes(int route, uint typeId, ReadOnlySpan<byte> payload) => RouteOf(route).TrySendBytes(typeId, payload);

    /// <summary>
    /// Sends <paramref name="message"/> on <paramref name="route"/>, blocking while its inbox is full:
    /// spins, yields, then parks until the receiver frees a slot.
    /// </summary>
    /// <exception cref="K2KRouteNotFoundException">This kernel has no such route.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the message was sent (it was not).</exception>
    public void Send<T>(int route, in T message, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        K2KRoute target = RouteOf(route);
        while (!target.TrySend(in message))
            WaitSynchronously(target.WaitForFreeSlotAsync(cancellationToken));
    }

    /// <summary>
    /// Sends <paramref name="message"/> on <paramref name="route"/>, waiting asynchronously while its
    /// inbox is full. Completes synchronously, without allocating, when a slot is free; a sender that
    /// awaits each call keeps its order.
    /// </summary>
    /// <exception cref="K2KRouteNotFoundException">This kernel has no such route (thrown at the call).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the message was sent (it was not).</exception>
    public ValueTask SendAsync<T>(int route, T message, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        K2KRoute target = RouteOf(route);
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(cancellationToken);
        return target.TrySend(in message) ? default : SendWhenFreeAsync(target, message, cancellationToken);
    }

    /// <summary>Takes the next message from the inbox on <paramref name="route"/>; false when it is empty.</summary>
    /// <exception cref="K2KRouteNotFoundException">This kernel has no such inbox.</exception>
    /// <exception cref="K2KSequenceException">The next message is not the one after the last received: a message was lost or repeated.</exception>
    public bool TryReceive<T>(int route, out T message)
        where T : unmanaged => InboxOf(route).TryReceive(out message, out _);

    /// <summary>Like <see cref="TryReceive{T}(int, out T)"/>, with the message's header (sequence number in <see cref="MessageHeader.MessageId"/>, sender in <see cref="MessageHeader.SourceId"/>).</summary>
    public bool TryReceive<T>(int route, out T message, out MessageHeader header)
        where T : unmanaged => InboxOf(route).TryReceive(out message, out header);

    /// <summary>
    /// Copies the payload of the next message on the inbox on <paramref name="route"/> into
    /// <paramref name="destination"/>: its length in <paramref name="length"/>, its type id in the
    /// header's <see cref="MessageHeader.TypeId"/>; false when the inbox is empty.
    /// </summary>
    /// <exception cref="K2KRouteNotFoundException">This kernel has no such inbox.</exception>
    /// <exception cref="K2KSequenceException">The next message is not the one after the last received: a message was lost or repeated.</exception>
    /// <exception cref="ArgumentException">The payload is longer than <paramref name="destination"/>; it stays in the inbox.</exception>
    public bool TryReceiveBytes(int route, Span<byte> destination, out int length, out MessageHeader header) =>
        InboxOf(route).TryReceiveBytes(destination, out length, out header);

    /// <summary>Takes the next message from the inbox on <paramref name="route"/>, blocking while it is empty (spin, yield, then park).</summary>
    /// <exception cref="K2KRouteNotFoundException">This kernel has no such inbox.</exception>
    /// <exception cref="K2KSequenceException">The next message is not the one after the last received.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before a message was received.</exception>
    public T Receive<T>(int route, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        K2KRoute inbox = InboxOf(route);
        T message;
        while (!inbox.TryReceive(out message, out _))
            WaitSynchronously(inbox.WaitToReadAsync(cancellationToken));
        return message;
    }

    /// <summary>Takes the next message from the inbox on <paramref name="route"/>, waiting asynchronously while it is empty.</summary>
    /// <exception cref="K2KRouteNotFoundException">This kernel has no such inbox (thrown at the call).</exception>
    /// <exception cref="K2KSequenceException">The next message is not the one after the last received.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before a message was received.</exception>
    public ValueTask<T> ReceiveAsync<T>(int route, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        K2KRoute inbox = InboxOf(route);
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<T>(cancellationToken);
        return inbox.TryReceive(out T message, out _) ? new ValueTask<T>(message) : ReceiveWhenReadyAsync<T>(inbox, cancellationToken);
    }

    public override string ToString() => $"K2K endpoint of kernel {KernelId}";

    internal void SetRoute(int route, K2KRoute? value) => Volatile.Write(ref _routes[route], value);

    internal void SetInbox(int route, K2KRoute? value) => Volatile.Write(ref _inboxes[route], value);

    private K2KRoute RouteOf(int route) => FindRoute(route) ?? throw new K2KRouteNotFoundException(KernelId, route, inbox: false);

    private K2KRoute InboxOf(int route) => FindInbox(route) ?? throw new K2KRouteNotFoundException(KernelId, route, inbox: true);

    private static void WaitSynchronously(ValueTask wait)
    {
        if (wait.IsCompleted)
            wait.GetAwaiter().GetResult();
        else
            wait.AsTask().GetAwaiter().GetResult();
    }

    private static async ValueTask SendWhenFreeAsync<T>(K2KRoute route, T message, CancellationToken cancellationToken)
        where T : unmanaged
    {
        do
        {
            await route.WaitForFreeSlotAsync(cancellationToken).ConfigureAwait(false);
        }
        while (!route.TrySend(in message));
    }

    private static async ValueTask<T> ReceiveWhenReadyAsync<T>(K2KRoute inbox, CancellationToken cancellationToken)
        where T : unmanaged
    {
        while (true)
        {
            await inbox.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            if (inbox.TryReceive(out T message, out _))
                return message;
        }
    }
}
