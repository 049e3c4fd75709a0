using RingKernel.Commands;
using RingKernel.Cpu;
using RingKernel.Cpu.Commands;
using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Tests.Commands;

/// <summary>CPU command queues: ordering through timeline signals, copies, faults and disposal.</summary>
public sealed class CommandQueueTests : IDisposable
{
    private const int Elements = 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly CpuBackend _backend = new(workerCount: 2);
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task A_queue_waiting_on_another_queues_signal_sees_its_data_round_after_round()
    {
        const int Rounds = 5;
        DeviceBuffer data = Allocate(Elements * sizeof(int));
        DeviceBuffer sums = Allocate(Elements * sizeof(long));
        TimelineSignal produced = Own(new TimelineSignal("produced"));
        TimelineSignal consumed = Own(new TimelineSignal("consumed"));
        CpuCommandQueue producer = Own(new CpuCommandQueue(_backend, QueueKind.Compute, "producer"));
        CpuCommandQueue consumer = Own(new CpuCommandQueue(_backend, QueueKind.Compute, "consumer"));
        var produce = new KernelDefinition<(DeviceBuffer Data, int Round)>("produce", new LaunchOptions(Elements / 64, 64))
        {
            CpuWorkgroupBody = (workgroup, args) =>
            {
                Span<int> slice = args.Data.AsSpan<int>(workgroup.WorkgroupIndex * 64L * sizeof(int), 64);
                for (int t = 0; t < slice.Length; t++)
                    slice[t] = Value(args.Round, (workgroup.WorkgroupIndex * 64) + t);
            },
        };
        var accumulate = new KernelDefinition<(DeviceBuffer Data, DeviceBuffer Sums)>("accumulate", new LaunchOptions(Elements / 64, 64))
        {
            CpuWorkgroupBody = (workgroup, args) =>
            {
                long start = workgroup.WorkgroupIndex * 64L;
                Span<int> slice = args.Data.AsSpan<int>(start * sizeof(int), 64);
                Span<long> sum = args.Sums.AsSpan<long>(start * sizeof(long), 64);
                for (int t = 0; t < slice.Length; t++)
                    sum[t] += slice[t];
            },
        };

        // The consumer's rounds go in first: each can only start once the producer has signalled.
        var consumerTokens = new List<CommandToken>();
        for (int round = 0; round < Rounds; round++)
        {
            consumerTokens.Add(consumer.Submit(new CommandList()
                .Wait(produced, (ulong)round + 1)
                .Exec(accumulate, (data, sums))
                .Signal(consumed, (ulong)round + 1)));
        }

        Assert.False(consumerTokens[0].IsCompleted);
        Assert.All(sums.AsSpan<long>(0, Elements).ToArray(), sum => Assert.Equal(0, sum));
        for (int round = 0; round < Rounds; round++)
        {
            // The producer may overwrite the data only after the consumer has read the last round's.
            _ = producer.Submit(new CommandList()
                .Wait(consumed, (ulong)round)
                .Exec(produce, (data, round))
                .MemoryBarrier()
                .Signal(produced, (ulong)round + 1));
        }

        await consumerTokens[^1].WaitAsync().WaitAsync(Patience);

        long[] expected = new long[Elements];
        for (int i = 0; i < Elements; i++)
        {
            for (int round = 0; round < Rounds; round++)
                expected[i] += Value(round, i);
        }

        Assert.Equal(expected, sums.AsSpan<long>(0, Elements).ToArray());
        Assert.All(consumerTokens, token => Assert.True(token.IsCompleted));
        Assert.Equal((ulong)Rounds, consumed.Value);
    }

    [Fact]
    public async Task An_async_copy_returns_a_token_after_which_exactly_the_range_has_landed()
    {
        DeviceBuffer source = Allocate(4096);
        DeviceBuffer destination = Allocate(4096);
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)((i * 7) + 3);
        bytes.CopyTo(source.AsSpan());
        CpuCommandQueue copies = Own(new CpuCommandQueue(_backend, QueueKind.Copy, "copies"));

        CommandToken first = copies.CopyAsync(source, 100, destination, 300, 2000);
        CommandToken second = copies.CopyAsync(source, 0, destination, 4000, 96);
        await second.WaitAsync().WaitAsync(Patience);

        Assert.True(first.IsCompleted);
        Assert.Equal(2UL, second.Value);
        byte[] expected = new byte[4096];
        bytes.AsSpan(100, 2000).CopyTo(expected.AsSpan(300));
        bytes.AsSpan(0, 96).CopyTo(expected.AsSpan(4000));
        Assert.Equal(expected, destination.AsSpan().ToArray());
    }

    [Fact]
    public void An_overlapping_copy_within_one_buffer_behaves_like_memmove()
    {
        DeviceBuffer buffer = Allocate(256);
        Span<byte> bytes = buffer.AsSpan();
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)i;
        byte[] expected = bytes.ToArray();
        expected.AsSpan(0, 200).CopyTo(expected.AsSpan(40));
        CpuCommandQueue queue = Own(new CpuCommandQueue(_backend, QueueKind.Copy, "memmove"));

        Assert.True(queue.CopyAsync(buffer, 0, buffer, 40, 200).Wait(Patience));

        Assert.Equal(expected, buffer.AsSpan().ToArray());
    }

    [Theory]
    [InlineData(50, 0, 60)]
    [InlineData(0, 50, 60)]
    [InlineData(-1, 0, 10)]
    [InlineData(0, -1, 10)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 0, 101)]
    public void A_copy_outside_either_buffer_is_refused_when_recorded(long sourceOffset, long destinationOffset, long length)
    {
        DeviceBuffer source = Allocate(100);
        DeviceBuffer destination = Allocate(100);
        CpuCommandQueue queue = Own(new CpuCommandQueue(_backend, QueueKind.Copy, "bounds"));

        Assert.Throws<ArgumentOutOfRangeException>(() => new CommandList().Copy(source, sourceOffset, destination, destinationOffset, length));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.CopyAsync(source, sourceOffset, destination, destinationOffset, length));

        // The refused copies took no submission number: the next one is the queue's first.
        CommandToken token = queue.CopyAsync(source, 0, destination, 0, 100);
        Assert.Equal(1UL, token.Value);
        Assert.True(token.Wait(Patience));
    }

    [Fact]
    public void A_copy_queue_refuses_kernel_dispatches()
    {
        CpuCommandQueue queue = Own(new CpuCommandQueue(_backend, QueueKind.Copy, "transfer"));
        var kernel = new KernelDefinition<int>("not-here", new LaunchOptions(1, 1)) { CpuWorkgroupBody = (_, _) => { } };

        var error = Assert.Throws<ArgumentException>(() => queue.Submit(new CommandList().MemoryBarrier().Exec(kernel, 0)));

        Assert.Contains("command #1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'not-here'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throwing_command_faults_its_queue_and_everything_waiting_on_it_fails_with_the_command_named()
    {
        DeviceBuffer data = Allocate(Elements * sizeof(int));
        TimelineSignal gate = Own(new TimelineSignal("gate"));
        TimelineSignal ready = Own(new TimelineSignal("ready"));
        TimelineSignal later = Own(new TimelineSignal("later"));
        TimelineSignal downstream = Own(new TimelineSignal("downstream"));
        CpuCommandQueue failing = Own(new CpuCommandQueue(_backend, QueueKind.Compute, "failing"));
        CpuCommandQueue waiting = Own(new CpuCommandQueue(_backend, QueueKind.Compute, "waiting"));
        var fill = new KernelDefinition<DeviceBuffer>("fill", new LaunchOptions(1, 1)) { CpuWorkgroupBody = (_, buffer) => buffer.AsSpan<int>(0, Elements).Fill(5) };
        var boom = new KernelDefinition<int>("boom", new LaunchOptions(4, 8))
        {
            CpuWorkgroupBody = (workgroup, _) =>
            {
                if (workgroup.WorkgroupIndex == 2)
                    throw new InvalidDataException("bad tile");
            },
        };

        // Both of the failing queue's submissions are queued before anything runs.
        CommandToken faulting = failing.Submit(new CommandList().Wait(gate, 1).Exec(fill, data).Exec(boom, 0).Signal(ready, 1));
        CommandToken queuedBehind = failing.Submit(new CommandList().Signal(later, 1));
        CommandToken dependent = waiting.Submit(new CommandList().Wait(ready, 1).Signal(downstream, 1));
        gate.Signal(1);

        var error = await Assert.ThrowsAsync<TimelineSignalFaultedException>(() => faulting.WaitAsync().WaitAsync(Patience));
        var fault = Assert.IsType<CommandQueueFaultedException>(error.InnerException);
        Assert.Equal(("failing", QueueKind.Compute, 1UL, 2), (fault.QueueName, fault.QueueKind, fault.Submission, fault.CommandIndex));
        Assert.Equal("Exec kernel 'boom'", fault.Command);
        var kernelError = Assert.IsType<KernelExecutionException>(fault.InnerException);
        Assert.Equal(("boom", new Index3(2, 0, 0)), (kernelError.KernelName, kernelError.WorkgroupId));
        Assert.Contains("'failing'", fault.Message, StringComparison.Ordinal);
        Assert.Contains("Exec kernel 'boom'", fault.Message, StringComparison.Ordinal);
        Assert.All(data.AsSpan<int>(0, Elements).ToArray(), v => Assert.Equal(5, v));

        Assert.Same(fault, Assert.Throws<TimelineSignalFaultedException>(() => ready.Wait(1)).InnerException);
        Assert.Same(fault, (await Assert.ThrowsAsync<TimelineSignalFaultedException>(() => queuedBehind.WaitAsync().WaitAsync(Patience))).InnerException);
        Assert.Same(fault, Assert.Throws<TimelineSignalFaultedException>(() => later.Wait(1)).InnerException);

        // The other queue's Wait fails instead of hanging, faulting that queue in turn.
        var dependentError = await Assert.ThrowsAsync<TimelineSignalFaultedException>(() => dependent.WaitAsync().WaitAsync(Patience));
        var dependentFault = Assert.IsType<CommandQueueFaultedException>(dependentError.InnerException);
        Assert.Equal(("waiting", 0, "Wait ready >= 1"), (dependentFault.QueueName, dependentFault.CommandIndex, dependentFault.Command));
        Assert.Throws<TimelineSignalFaultedException>(() => downstream.Wait(1));

        Assert.Same(fault, failing.Fault);
        var refused = Assert.Throws<InvalidOperationException>(() => failing.Submit(new CommandList().MemoryBarrier()));
        Assert.Same(fault, refused.InnerException);
    }

    [Fact]
    public void Disposing_a_queue_with_pending_work_cancels_it_and_fails_its_tokens_and_signals()
    {
        TimelineSignal never = Own(new TimelineSignal("never"));
        TimelineSignal first = Own(new TimelineSignal("first"));
        TimelineSignal second = Own(new TimelineSignal("second"));
        var queue = new CpuCommandQueue(_backend, QueueKind.Compute, "disposed");
        CommandToken done = queue.Submit(new CommandList().MemoryBarrier());
        Assert.True(done.Wait(Patience));
        CommandToken blocked = queue.Submit(new CommandList().Wait(never, 1).Signal(first, 1));
        CommandToken behind = queue.Submit(new CommandList().Signal(second, 1));

        queue.Dispose();

        Assert.True(done.IsCompleted);
        var error = Assert.Throws<TimelineSignalFaultedException>(() => blocked.Wait());
        var fault = Assert.IsType<CommandQueueFaultedException>(error.InnerException);
        Assert.IsType<ObjectDisposedException>(fault.InnerException);
        Assert.Equal((2UL, 0), (fault.Submission, fault.CommandIndex));
        Assert.Throws<TimelineSignalFaultedException>(() => behind.Wait());
        Assert.Throws<TimelineSignalFaultedException>(() => first.Wait(1));
        Assert.Throws<TimelineSignalFaultedException>(() => second.Wait(1));
        Assert.Equal(0UL, never.Value);
        Assert.Throws<ObjectDisposedException>(() => queue.Submit(new CommandList()));
    }

    public void Dispose()
    {
        // Queues first: their workers may still touch the signals and buffers.
        foreach (IDisposable owned in Enumerable.Reverse(_owned))
            owned.Dispose();
    }

    private static int Value(int round, int index) => (index * 3) + (round * 1000) + 1;

    private DeviceBuffer Allocate(long bytes) => Own(HostMemorySpace.Instance.Allocate(bytes));

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
