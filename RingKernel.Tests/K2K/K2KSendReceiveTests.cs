using RingKernel.K2K;
using RingKernel.Layouts;
using RingKernel.Rings;
using static RingKernel.Tests.K2K.K2KTestSupport;

namespace RingKernel.Tests.K2K;

/// <summary>Sending and receiving on one route: errors at the sender, backpressure, sequence checks, tear-down.</summary>
public class K2KSendReceiveTests
{
    private const int East = (int)K2KDirection.XPlus;
    private const int West = (int)K2KDirection.XMinus;

    [Fact]
    public async Task Sending_on_a_missing_route_is_an_error_at_the_sender_naming_kernel_and_route()
    {
        using K2KFabric fabric = Fabric();
        K2KEndpoint sender = fabric.Register(7);
        fabric.Register(8);
        fabric.Connect(7, K2KDirection.XPlus, 8);

        var missing = Assert.Throws<K2KRouteNotFoundException>(() => sender.TrySend((int)K2KDirection.YPlus, new StreamValue(1)));
        Assert.Equal(7u, missing.KernelId);
        Assert.Equal((int)K2KDirection.YPlus, missing.Route);
        Assert.False(missing.IsInbox);
        Assert.Equal("Kernel 7 has no K2K route 3 (YPlus): the host did not set it up, or tore it down. Nothing was sent.", missing.Message);
        Assert.Throws<K2KRouteNotFoundException>(() => sender.Send((int)K2KDirection.YPlus, new StreamValue(1)));
        await Assert.ThrowsAsync<K2KRouteNotFoundException>(async () => await sender.SendAsync((int)K2KDirection.YPlus, new StreamValue(1)));

        var outOfRange = Assert.Throws<K2KRouteNotFoundException>(() => sender.TrySend(26, new StreamValue(1)));
        Assert.Equal("Kernel 7 used K2K route 26; routes are numbered 0 to 25.", outOfRange.Message);

        var noInbox = Assert.Throws<K2KRouteNotFoundException>(() => sender.TryReceive(West, out StreamValue _));
        Assert.True(noInbox.IsInbox);
        Assert.Contains("Kernel 7 has no K2K inbox on route 0 (XMinus)", noInbox.Message, StringComparison.Ordinal);

        // The missing route sent nothing: the real route's sequence is untouched.
        Assert.Equal(K2KRoute.FirstSequence, fabric.FindRoute(7, East)!.NextSequence);
        Assert.Equal(0, fabric.FindRoute(7, East)!.Pending);
    }

    [Fact]
    public void Byte_messages_arrive_in_sequence_with_their_own_lengths_and_a_short_buffer_leaves_the_message()
    {
        using K2KFabric fabric = Fabric(inboxCapacity: 4);
        K2KEndpoint sender = fabric.Register(1);
        K2KEndpoint receiver = fabric.Register(2);
        K2KRoute route = fabric.Connect(1, K2KDirection.XPlus, 2);

        for (int i = 0; i < 3; i++)
        {
            byte[] payload = new byte[(i * 10) + 1];
            Array.Fill(payload, (byte)(i + 1));
            Assert.True(sender.TrySendBytes(East, BytesTypeId, payload));
        }

        Assert.Throws<MessageTooLargeException>(() => sender.TrySendBytes(East, BytesTypeId, new byte[65]));
        Assert.Equal(3, route.Pending);
        Assert.Equal(K2KRoute.FirstSequence + 3, route.NextSequence);

        // A buffer too short for the next payload is an error, and the message stays first in line.
        Assert.Throws<ArgumentException>(() => receiver.TryReceiveBytes(West, Array.Empty<byte>(), out _, out _));
        Assert.Equal(3, route.Pending);

        byte[] buffer = new byte[64];
        for (int i = 0; i < 3; i++)
        {
            Assert.True(receiver.TryReceiveBytes(West, buffer, out int length, out MessageHeader header));
            Assert.Equal((i * 10) + 1, length);
            Assert.Equal(BytesTypeId, header.TypeId);
            Assert.Equal(K2KRoute.FirstSequence + (ulong)i, header.MessageId);
            Assert.All(buffer[..length], b => Assert.Equal((byte)(i + 1), b));
        }

        Assert.False(receiver.TryReceiveBytes(West, buffer, out int none, out _));
        Assert.Equal(0, none);
        Assert.Equal(0, route.Pending);
    }

    [Fact]
    public async Task A_full_inbox_refuses_TrySend_and_SendAsync_completes_once_the_receiver_drains_with_nothing_lost()
    {
        using K2KFabric fabric = Fabric(inboxCapacity: 4);
        K2KEndpoint sender = fabric.Register(1);
        K2KEndpoint receiver = fabric.Register(2);
        K2KRoute route = fabric.Connect(1, K2KDirection.XPlus, 2);

        for (int i = 0; i < 4; i++)
            Assert.True(sender.TrySend(East, new StreamValue(i)));
        Assert.False(sender.TrySend(East, new StreamValue(99)));
        Assert.Equal(4, route.Pending);
        Assert.Equal(5UL, route.NextSequence);
        Assert.Equal(5UL, sender.RouteEntries[East].NextSequence);

        ValueTask fifth = sender.SendAsync(East, new StreamValue(4));
        ValueTask sixth = default;
        Assert.False(fifth.IsCompleted);

        Assert.True(receiver.TryReceive(West, out StreamValue first, out MessageHeader header));
        Assert.Equal(0, first.Value);
        Assert.Equal(1UL, header.MessageId);
        Assert.Equal(1u, header.SourceId);
        Assert.Equal(2u, header.DestinationId);
        await fifth;
        sixth = sender.SendAsync(East, new StreamValue(5));

        var values = new List<long>();
        var sequences = new List<ulong>();
        while (values.Count < 5)
        {
            StreamValue value = await receiver.ReceiveAsync<StreamValue>(West);
            values.Add(value.Value);
            sequences.Add(route.ExpectedSequence - 1);
        }

        await sixth;
        Assert.Equal([1, 2, 3, 4, 5], values);
        Assert.Equal([2UL, 3, 4, 5, 6], sequences);
        Assert.Equal(7UL, route.NextSequence);
        Assert.Equal(7UL, route.ExpectedSequence);
        Assert.False(receiver.TryReceive(West, out StreamValue _));
    }

    [Fact]
    public async Task Blocking_Send_waits_for_room_and_a_cancelled_one_sends_nothing()
    {
        using K2KFabric fabric = Fabric(inboxCapacity: 2);
        K2KEndpoint sender = fabric.Register(1);
        K2KEndpoint receiver = fabric.Register(2);
        K2KRoute route = fabric.Connect(1, K2KDirection.XPlus, 2);
        sender.Send(East, new StreamValue(10));
        sender.Send(East, new StreamValue(11));

        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
            Assert.ThrowsAny<OperationCanceledException>(() => sender.Send(East, new StreamValue(-1), cancel.Token));
        Assert.Equal(2, route.Pending);
        Assert.Equal(3UL, route.NextSequence);

        Task blocked = Task.Run(() => sender.Send(East, new StreamValue(12)));
        Assert.Equal(10, receiver.Receive<StreamValue>(West).Value);
        await blocked.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(11, receiver.Receive<StreamValue>(West).Value);
        Assert.Equal(12, receiver.Receive<StreamValue>(West).Value);
        Assert.Equal(4UL, route.ExpectedSequence);

        using var none = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.ThrowsAny<OperationCanceledException>(() => receiver.Receive<StreamValue>(West, none.Token));
    }

    [Fact]
    public void A_gap_in_the_sequence_is_reported_at_the_receiver_and_the_message_stays()
    {
        using K2KFabric fabric = Fabric();
        K2KEndpoint sender = fabric.Register(1);
        K2KEndpoint receiver = fabric.Register(2);
        K2KRoute route = fabric.Connect(1, K2KDirection.XPlus, 2);
        sender.Send(East, new StreamValue(1));

        // A faulty sender (a device kernel that skipped a message, say) advances the table's sequence.
        sender.RoutingTable.AsSpan<RouteEntry>(0, K2KDirections.Count)[East].NextSequence += 2;
        sender.Send(East, new StreamValue(2));

        Assert.Equal(1, receiver.Receive<StreamValue>(West).Value);
        var gap = Assert.Throws<K2KSequenceException>(() => receiver.TryReceive(West, out StreamValue _));
        Assert.Equal(2UL, gap.Expected);
        Assert.Equal(4UL, gap.Actual);
        Assert.Equal(1u, gap.SourceKernelId);
        Assert.Equal(2u, gap.TargetKernelId);
        Assert.Equal(West, gap.InboxRoute);
        Assert.Contains("2 message(s) before it never arrived", gap.Message, StringComparison.Ordinal);
        Assert.Equal(1, route.Pending);
    }

    [Fact]
    public void A_repeated_sequence_is_reported_at_the_receiver()
    {
        using K2KFabric fabric = Fabric();
        K2KEndpoint sender = fabric.Register(1);
        K2KEndpoint receiver = fabric.Register(2);
        fabric.Connect(1, K2KDirection.XPlus, 2);
        sender.Send(East, new StreamValue(1));
        sender.RoutingTable.AsSpan<RouteEntry>(0, K2KDirections.Count)[East].NextSequence -= 1;
        sender.Send(East, new StreamValue(1));

        Assert.Equal(1, receiver.Receive<StreamValue>(West).Value);
        var duplicate = Assert.Throws<K2KSequenceException>(() => receiver.Receive<StreamValue>(West));
        Assert.Equal(2UL, duplicate.Expected);
        Assert.Equal(1UL, duplicate.Actual);
        Assert.Contains("repeats or precedes", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tearing_down_a_route_with_queued_messages_is_refused_and_they_are_still_delivered()
    {
        using K2KFabric fabric = Fabric();
        K2KEndpoint sender = fabric.Register(1);
        K2KEndpoint receiver = fabric.Register(2);
        K2KRoute route = fabric.Connect(1, K2KDirection.XPlus, 2);
        for (int i = 0; i < 3; i++)
            sender.Send(East, new StreamValue(i));

        var busy = Assert.Throws<K2KRouteBusyException>(() => fabric.Disconnect(1, East));
        Assert.Equal(3, busy.PendingMessages);
        Assert.Equal(
            "K2K route 1 (XPlus) from kernel 1 to kernel 2 was not torn down: its inbox still holds 3 message(s) kernel 2 has not received; drain them first.",
            busy.Message);
        Assert.Same(route, fabric.FindRoute(1, East));
        Assert.Equal(route.InboxBuffer.DeviceAddress, sender.RouteEntries[East].InboxAddress);

        sender.Send(East, new StreamValue(3));
        for (int i = 0; i < 4; i++)
            Assert.Equal(i, receiver.Receive<StreamValue>(West).Value);

        fabric.Disconnect(1, East);
        Assert.True(route.InboxBuffer.IsDisposed);
        Assert.Equal(default, sender.RouteEntries[East]);
        Assert.Equal(0, fabric.RouteCount);
        Assert.Throws<K2KRouteNotFoundException>(() => sender.Send(East, new StreamValue(4)));
        Assert.Throws<K2KRouteNotFoundException>(() => receiver.TryReceive(West, out StreamValue _));
        Assert.Throws<K2KRouteNotFoundException>(() => fabric.Disconnect(1, East));

        // Set up again, the route starts a new sequence.
        K2KRoute again = fabric.Connect(1, K2KDirection.XPlus, 2);
        sender.Send(East, new StreamValue(5));
        Assert.True(receiver.TryReceive(West, out StreamValue value, out MessageHeader header));
        Assert.Equal((5L, 1UL), (value.Value, header.MessageId));
        Assert.Equal(2UL, again.NextSequence);
    }

    [Fact]
    public async Task Tearing_down_a_route_a_receiver_is_parked_on_is_refused()
    {
        using K2KFabric fabric = Fabric();
        K2KEndpoint sender = fabric.Register(1);
        K2KEndpoint receiver = fabric.Register(2);
        K2KRoute route = fabric.Connect(1, K2KDirection.XPlus, 2);
        ValueTask<StreamValue> waiting = receiver.ReceiveAsync<StreamValue>(West);
        SpinWait.SpinUntil(() => route.HasParkedWaiters, TimeSpan.FromSeconds(20));

        var busy = Assert.Throws<K2KRouteBusyException>(() => fabric.Disconnect(1, East));
        Assert.Contains("a kernel is parked waiting on its inbox", busy.Message, StringComparison.Ordinal);
        sender.Send(East, new StreamValue(42));
        Assert.Equal(42, (await waiting).Value);
        fabric.Disconnect(1, East);
    }
}
