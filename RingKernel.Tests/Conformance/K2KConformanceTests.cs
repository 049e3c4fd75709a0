using RingKernel.Backends;
using RingKernel.K2K;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.Conformance.ConformanceKernels;

namespace RingKernel.Tests.Conformance;

/// <summary>
/// Kernel-to-kernel messaging from a kernel's body through routing tables and inboxes in the
/// backend's memory: every one of the 26 directions both ways, a stream between two kernels through
/// a tiny inbox (backpressure, nothing dropped, order and sequence numbers kept), a missing route as
/// a clear outcome, and a sequence gap reported at the receiver with the message kept.
/// </summary>
public abstract class K2KConformanceTests(RingBackendFixture fixture)
{
    private const uint Center = 100;
    private const uint FirstNeighbour = 200;

    protected IRingKernelBackend Backend => fixture.Backend;

    [SkippableFact]
    public async Task A_kernel_sends_and_receives_in_every_one_of_the_26_directions()
    {
        using K2KFabric fabric = new(Backend.MemorySpace, K2KTypes(), inboxCapacity: 4, inboxSlotSize: 128);
        fabric.Register(Center);
        for (int d = 0; d < K2KDirections.Count; d++)
        {
            uint neighbour = FirstNeighbour + (uint)d;
            fabric.Register(neighbour);
            fabric.Connect(Center, (K2KDirection)d, neighbour);
            fabric.Connect(neighbour, ((K2KDirection)d).Opposite(), Center);
        }

        await using RunningKernel center = await StartAsync(fabric.Endpoint(Center));
        for (ulong round = 1; round <= 2; round++)
        {
            // Each neighbour sends towards the centre, which receives it on its inbox for that neighbour's direction.
            for (int d = 0; d < K2KDirections.Count; d++)
                Assert.True(fabric.Endpoint(FirstNeighbour + (uint)d).TrySend((int)((K2KDirection)d).Opposite(), new K2KValue(NeighbourValue(round, d))));

            for (int d = 0; d < K2KDirections.Count; d++)
            {
                await Order(center.Kernel, new K2KSendOrder(d, CenterValue(round, d)), (ulong)(2 * d));
                await Order(center.Kernel, new K2KReceiveOrder(d), (ulong)(2 * d) + 1);
            }

            List<K2KOutcome> outcomes = await ReadOutcomesAsync(center.Kernel, 2 * K2KDirections.Count);
            for (int d = 0; d < K2KDirections.Count; d++)
            {
                uint neighbour = FirstNeighbour + (uint)d;
                Assert.Equal(new K2KOutcome(CenterValue(round, d), round, d, neighbour, K2KOutcomeStatus.Done), outcomes[2 * d]);
                Assert.Equal(new K2KOutcome(NeighbourValue(round, d), round, d, neighbour, K2KOutcomeStatus.Done), outcomes[(2 * d) + 1]);

                // What the centre sent east arrives in the east neighbour's west inbox, from the centre, in sequence.
                int inbox = (int)((K2KDirection)d).Opposite();
                Assert.True(fabric.Endpoint(neighbour).TryReceive(inbox, out K2KValue received, out MessageHeader header));
                Assert.Equal(CenterValue(round, d), received.Value);
                Assert.Equal((Center, neighbour, round), (header.SourceId, header.DestinationId, header.MessageId));
                Assert.False(fabric.Endpoint(neighbour).TryReceive(inbox, out K2KValue _));
            }
        }

        Assert.All(fabric.Routes, route => Assert.Equal(0, route.Pending));
        Assert.All(fabric.Routes, route => Assert.Equal(3UL, route.NextSequence));
    }

    [SkippableFact]
    public async Task A_stream_between_two_kernels_through_a_two_slot_inbox_waits_for_room_and_drops_nothing()
    {
        const int count = 200;
        using K2KFabric fabric = new(Backend.MemorySpace, K2KTypes(), inboxCapacity: 2, inboxSlotSize: 128);
        fabric.Register(1);
        fabric.Register(2);
        K2KRoute route = fabric.Connect(1, K2KDirection.XPlus, 2);
        await using RunningKernel sender = await StartAsync(fabric.Endpoint(1), capacity: 256);
        await using RunningKernel receiver = await StartAsync(fabric.Endpoint(2), capacity: 256);

        for (int i = 0; i < count; i++)
            await Order(sender.Kernel, new K2KSendOrder((int)K2KDirection.XPlus, (i * 11L) - 500), (ulong)i);
        for (int i = 0; i < count; i++)
            await Order(receiver.Kernel, new K2KReceiveOrder((int)K2KDirection.XMinus), (ulong)i);

        List<K2KOutcome> sent = await ReadOutcomesAsync(sender.Kernel, count);
        List<K2KOutcome> received = await ReadOutcomesAsync(receiver.Kernel, count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => new K2KOutcome((i * 11L) - 500, (ulong)i + 1, (int)K2KDirection.XPlus, 2, K2KOutcomeStatus.Done)), sent);
        Assert.Equal(Enumerable.Range(0, count).Select(i => new K2KOutcome((i * 11L) - 500, (ulong)i + 1, (int)K2KDirection.XMinus, 1, K2KOutcomeStatus.Done)), received);
        Assert.Equal(0, route.Pending);
        Assert.Equal((ulong)count + 1, route.NextSequence);
    }

    [SkippableFact]
    public async Task Sending_on_a_missing_route_or_receiving_from_a_missing_inbox_is_a_clear_outcome_and_the_kernel_goes_on()
    {
        using K2KFabric fabric = new(Backend.MemorySpace, K2KTypes(), inboxCapacity: 4, inboxSlotSize: 128);
        fabric.Register(1);
        fabric.Register(2);
        fabric.Connect(1, K2KDirection.YPlus, 2);
        await using RunningKernel kernel = await StartAsync(fabric.Endpoint(1));

        await Order(kernel.Kernel, new K2KSendOrder((int)K2KDirection.XPlus, 5), 1);
        await Order(kernel.Kernel, new K2KReceiveOrder((int)K2KDirection.YPlus), 2);
        await Order(kernel.Kernel, new K2KSendOrder((int)K2KDirection.YPlus, 6), 3);
        Assert.Equal(
            [
                new K2KOutcome(0, 0, (int)K2KDirection.XPlus, 0, K2KOutcomeStatus.NoRoute),
                new K2KOutcome(0, 0, (int)K2KDirection.YPlus, 0, K2KOutcomeStatus.NoRoute),
                new K2KOutcome(6, 1, (int)K2KDirection.YPlus, 2, K2KOutcomeStatus.Done),
            ],
            await ReadOutcomesAsync(kernel.Kernel, 3));
        Assert.True(fabric.Endpoint(2).TryReceive((int)K2KDirection.YMinus, out K2KValue value));
        Assert.Equal(6, value.Value);
        Assert.Equal(RingKernelState.Active, kernel.Kernel.State);
    }

    [SkippableFact]
    public async Task A_gap_in_the_sequence_is_reported_at_the_receiving_kernel_and_the_message_stays()
    {
        using K2KFabric fabric = new(Backend.MemorySpace, K2KTypes(), inboxCapacity: 4, inboxSlotSize: 128);
        fabric.Register(1);
        fabric.Register(2);
        K2KRoute route = fabric.Connect(2, K2KDirection.ZMinus, 1);
        await using RunningKernel kernel = await StartAsync(fabric.Endpoint(1));

        // The sender's routing table skips sequence numbers 1 to 4: the receiver must notice.
        fabric.Endpoint(2).RoutingTable.AsSpan<RouteEntry>(0, K2KDirections.Count)[(int)K2KDirection.ZMinus].NextSequence = 5;
        Assert.True(fabric.Endpoint(2).TrySend((int)K2KDirection.ZMinus, new K2KValue(77)));
        await Order(kernel.Kernel, new K2KReceiveOrder((int)K2KDirection.ZPlus), 1);

        Assert.Equal([new K2KOutcome(0, 5, (int)K2KDirection.ZPlus, 0, K2KOutcomeStatus.SequenceGap)], await ReadOutcomesAsync(kernel.Kernel, 1));
        Assert.Equal(1, route.Pending);
    }

    [SkippableFact]
    public async Task Terminating_a_kernel_that_waits_for_a_K2K_message_ends_it_normally_and_keeps_the_order()
    {
        using K2KFabric fabric = new(Backend.MemorySpace, K2KTypes(), inboxCapacity: 4, inboxSlotSize: 128);
        fabric.Register(1);
        fabric.Register(2);
        K2KRoute route = fabric.Connect(2, K2KDirection.XMinus, 1);
        RunningKernel running = await StartAsync(fabric.Endpoint(1));
        await using (running)
        {
            // Nothing ever arrives on the inbox: the order waits until the kernel is terminated.
            await Order(running.Kernel, new K2KReceiveOrder((int)K2KDirection.XPlus), 1);
            Assert.True(SpinWait.SpinUntil(() => running.Kernel.ControlBlock.Status == KernelStatus.Running, TimeSpan.FromSeconds(20)));

            await running.Kernel.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(RingKernelState.Terminated, running.Kernel.State);
            Assert.False(running.Kernel.FaultedOnMessage);
            Assert.Equal(KernelStatus.Terminated, running.Kernel.ControlBlock.Status);
            Assert.Equal(1, running.Kernel.Input.Ring.Count);
            Assert.Equal(0UL, running.Kernel.ControlBlock.MessagesProcessed);
            Assert.Equal(0, running.Kernel.Output.Ring.Count);
            Assert.Equal(0, route.Pending);
        }
    }

    private static long CenterValue(ulong round, int direction) => (1000 * (long)round) + direction;

    private static long NeighbourValue(ulong round, int direction) => -((1000 * (long)round) + direction);

    private async Task<RunningKernel> StartAsync(K2KEndpoint endpoint, int capacity = 64)
    {
        var memory = RingKernelMemory.Allocate(Backend.MemorySpace, Options(capacity), Types());
        memory.AttachK2K(endpoint);
        var running = new RunningKernel(Backend.CreateRingKernel(K2KRelay(Options(capacity)), null, memory), memory);
        running.Kernel.Launch();
        await running.Kernel.ActivateAsync();
        return running;
    }

    private static ValueTask Order<T>(IRingKernel kernel, T order, ulong correlationId)
        where T : unmanaged =>
        kernel.Input.EnqueueAsync(order, new MessageHeader { CorrelationId = correlationId });

    /// <summary>Reads <paramref name="count"/> outcomes in arrival order, checking each answers the order sent with the same correlation id.</summary>
    private static async Task<List<K2KOutcome>> ReadOutcomesAsync(IRingKernel kernel, int count)
    {
        var outcomes = new List<K2KOutcome>(count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        ulong first = ulong.MaxValue;
        while (outcomes.Count < count)
        {
            // A kernel that ends meanwhile (a fault) is reported as such, not as a timeout.
            Task readable = kernel.Output.WaitToReadAsync(timeout.Token).AsTask();
            if (await Task.WhenAny(readable, kernel.Completion) == kernel.Completion && kernel.Completion.IsFaulted && kernel.Output.Ring.Count == 0)
                await kernel.Completion;
            await readable;
            while (outcomes.Count < count && kernel.Output.TryDequeue(out K2KOutcome outcome, out MessageHeader header))
            {
                if (first == ulong.MaxValue)
                    first = header.CorrelationId;
                Assert.Equal(first + (ulong)outcomes.Count, header.CorrelationId);
                outcomes.Add(outcome);
            }
        }

        return outcomes;
    }
}
