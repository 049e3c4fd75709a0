using RingKernel.K2K;
using RingKernel.Layouts;
using static RingKernel.Tests.K2K.K2KTestSupport;

namespace RingKernel.Tests.K2K;

/// <summary>Many messages across threads: every one delivered once, in order, with exact sequence numbers.</summary>
public class K2KStreamTests
{
    private const int East = (int)K2KDirection.XPlus;
    private const int West = (int)K2KDirection.XMinus;

    [Fact]
    public async Task Two_threads_ping_pong_a_million_messages_with_exact_sequences()
    {
        const int count = 1_000_000;
        using K2KFabric fabric = Fabric(inboxCapacity: 64);
        K2KEndpoint left = fabric.Register(1);
        K2KEndpoint right = fabric.Register(2);
        K2KRoute there = fabric.Connect(1, K2KDirection.XPlus, 2);
        K2KRoute back = fabric.Connect(2, K2KDirection.XMinus, 1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // The right side answers every value v with 2v + 1 and checks it arrives in order.
        Task<long> echo = Task.Factory.StartNew(
            () =>
            {
                long outOfOrder = 0;
                for (long i = 0; i < count; i++)
                {
                    long value = right.Receive<StreamValue>(West, timeout.Token).Value;
                    if (value != i)
                        outOfOrder++;
                    right.Send(West, new StreamValue((2 * value) + 1), timeout.Token);
                }

                return outOfOrder;
            },
            TaskCreationOptions.LongRunning);

        // The left side keeps up to a ring's worth in flight, and checks every answer and its sequence.
        long sent = 0, received = 0, wrong = 0;
        while (received < count)
        {
            bool progressed = false;
            while (sent < count && left.TrySend(East, new StreamValue(sent)))
            {
                sent++;
                progressed = true;
            }

            while (left.TryReceive(East, out StreamValue answer, out MessageHeader header))
            {
                if (answer.Value != (2 * received) + 1 || header.MessageId != (ulong)received + 1 || header.SourceId != 2)
                    wrong++;
                received++;
                progressed = true;
            }

            if (!progressed)
            {
                StreamValue answer = left.Receive<StreamValue>(East, timeout.Token);
                if (answer.Value != (2 * received) + 1)
                    wrong++;
                received++;
            }
        }

        Assert.Equal(0, await echo);
        Assert.Equal(0, wrong);
        Assert.Equal((ulong)count + 1, there.NextSequence);
        Assert.Equal((ulong)count + 1, there.ExpectedSequence);
        Assert.Equal((ulong)count + 1, back.NextSequence);
        Assert.Equal((ulong)count + 1, back.ExpectedSequence);
        Assert.Equal((ulong)count + 1, left.RouteEntries[East].NextSequence);
        Assert.Equal(0, there.Pending);
        Assert.Equal(0, back.Pending);
    }

    [Theory]
    [InlineData(2, 5000)]
    [InlineData(7, 2000)]
    public async Task A_ring_of_kernels_passes_tokens_east_for_many_rounds_with_exact_counts(int kernels, int rounds)
    {
        using K2KFabric fabric = Fabric(inboxCapacity: 4);
        var endpoints = new K2KEndpoint[kernels];
        for (int k = 0; k < kernels; k++)
            endpoints[k] = fabric.Register((uint)k);
        for (int k = 0; k < kernels; k++)
            fabric.Connect((uint)k, K2KDirection.XPlus, (uint)((k + 1) % kernels));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new int[kernels];
        var wrong = new int[kernels];
        Task[] threads = Enumerable.Range(0, kernels).Select(k => Task.Factory.StartNew(
            () =>
            {
                K2KEndpoint self = endpoints[k];
                var held = new RingToken(k, 0);
                for (int round = 1; round <= rounds; round++)
                {
                    self.Send(East, held with { Hops = held.Hops + 1 }, timeout.Token);
                    held = self.Receive<RingToken>(West, timeout.Token);
                    received[k]++;

                    // After r rounds a kernel holds the token that started r kernels to its west.
                    if (held != new RingToken(((k - round) % kernels + kernels) % kernels, round))
                        wrong[k]++;
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(received, r => Assert.Equal(rounds, r));
        Assert.All(wrong, w => Assert.Equal(0, w));
        Assert.All(fabric.Routes, route =>
        {
            Assert.Equal((ulong)rounds + 1, route.NextSequence);
            Assert.Equal((ulong)rounds + 1, route.ExpectedSequence);
            Assert.Equal(0, route.Pending);
        });
    }
}
