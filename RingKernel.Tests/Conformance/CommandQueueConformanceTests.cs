using RingKernel.Commands;
using RingKernel.Memory;
using RingKernel.TestKernels.Vulkan;

namespace RingKernel.Tests.Conformance;

/// <summary>
/// What every backend's command queues must do alike, written once and run against each backend
/// through a <see cref="CommandQueueBackendFixture"/>: ordering through timeline signals across
/// queues, waits on host signals and on another queue's progress, asynchronous copies with tokens,
/// refusals when recorded or submitted, faults that reach everything waiting, and disposal.
/// </summary>
public abstract class CommandQueueConformanceTests(CommandQueueBackendFixture backend) : IDisposable
{
    private const int Elements = 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<IDisposable> _owned = [];

    [SkippableFact]
    public async Task A_queue_waiting_on_another_queues_signal_sees_its_data_round_after_round()
    {
        backend.SkipUnlessKernelsRun();
        const int Rounds = 5;
        DeviceBuffer data = Allocate(Elements * sizeof(float));
        DeviceBuffer sums = Allocate(Elements * sizeof(float));
        DeviceBuffer[] rounds = new DeviceBuffer[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            rounds[round] = Allocate(Elements * sizeof(float));
            Span<float> values = rounds[round].AsSpan<float>(0, Elements);
            for (int i = 0; i < Elements; i++)
                values[i] = Value(round, i);
        }

        TimelineSignal produced = Own(new TimelineSignal("produced"));
        TimelineSignal consumed = Own(new TimelineSignal("consumed"));
        ICommandQueue producer = Own(backend.CreateQueue(QueueKind.Copy, "producer"));
        ICommandQueue consumer = Own(backend.CreateQueue(QueueKind.Compute, "consumer"));
        var accumulate = QueueConformanceKernels.Saxpy(Elements);

        // The consumer's rounds go in first: each can only start once the producer has signalled.
        var consumerTokens = new List<CommandToken>();
        for (int round = 0; round < Rounds; round++)
        {
            consumerTokens.Add(consumer.Submit(new CommandList()
                .Wait(produced, (ulong)round + 1)
                .Exec(accumulate, new SaxpyArgs(data, sums, Elements, 1f))
                .Signal(consumed, (ulong)round + 1)));
        }

        Assert.False(consumerTokens[0].IsCompleted);
        Assert.All(sums.AsSpan<float>(0, Elements).ToArray(), sum => Assert.Equal(0f, sum));
        for (int round = 0; round < Rounds; round++)
        {
            // The producer may overwrite the data only after the consumer has read the last round's.
            _ = producer.Submit(new CommandList()
                .Wait(consumed, (ulong)round)
                .Copy(rounds[round], 0, data, 0, Elements * sizeof(float))
                .MemoryBarrier()
                .Signal(produced, (ulong)round + 1));
        }

        await consumerTokens[^1].WaitAsync().WaitAsync(Patience);

        float[] expected = new float[Elements];
        for (int i = 0; i < Elements; i++)
        {
            for (int round = 0; round < Rounds; round++)
                expected[i] += Value(round, i);
        }

        Assert.Equal(expected, sums.AsSpan<float>(0, Elements).ToArray());
        Assert.All(consumerTokens, token => Assert.True(token.IsCompleted));
        Assert.Equal((ulong)Rounds, consumed.Value);
        Assert.Equal((ulong)Rounds, producer.Progress.Value);
    }

    [SkippableFact]
    public async Task A_queue_waits_on_a_host_signal_then_copies_through_device_memory_and_raises_its_own_signal()
    {
        DeviceBuffer source = Allocate(4096);
        DeviceBuffer middle = Own(backend.AllocateDeviceOnly(4096));
        DeviceBuffer destination = Allocate(4096);
        Pattern(4096).CopyTo(source.AsSpan());
        TimelineSignal go = Own(new TimelineSignal("go"));
        TimelineSignal copied = Own(new TimelineSignal("copied"));
        ICommandQueue queue = Own(backend.CreateQueue(QueueKind.Copy, "copies"));

        CommandToken token = queue.Submit(new CommandList()
            .Wait(go, 1)
            .Copy(source, 0, middle, 0, 4096)
            .Copy(middle, 1024, destination, 0, 3072)
            .Signal(copied, 5));
        Assert.False(token.IsCompleted);
        Assert.Equal(new byte[4096], destination.AsSpan().ToArray()); // the queue waits for go
        go.Signal(1);
        await copied.WaitAsync(5).WaitAsync(Patience);
        await token.WaitAsync().WaitAsync(Patience);

        byte[] expected = new byte[4096];
        source.AsSpan(1024, 3072).CopyTo(expected);
        Assert.Equal(expected, destination.AsSpan().ToArray());
        Assert.Equal(5UL, copied.Value);
        Assert.Null(queue.Fault);
    }

    [SkippableFact]
    public async Task A_second_queue_waiting_on_the_first_queues_progress_reads_what_it_wrote()
    {
        DeviceBuffer a = Allocate(256);
        DeviceBuffer b = Own(backend.AllocateDeviceOnly(256));
        DeviceBuffer c = Allocate(256);
        for (int i = 0; i < 256; i++)
            a.AsSpan()[i] = (byte)(255 - i);
        ICommandQueue first = Own(backend.CreateQueue(QueueKind.Copy, "first"));
        ICommandQueue second = Own(backend.CreateQueue(QueueKind.Copy, "second"));

        CommandToken written = first.CopyAsync(a, 0, b, 0, 256);
        CommandToken read = second.Submit(new CommandList().Wait(written.Progress, written.Value).Copy(b, 0, c, 0, 256));
        await read.WaitAsync().WaitAsync(Patience);

        Assert.True(written.IsCompleted);
        Assert.Equal(a.AsSpan().ToArray(), c.AsSpan().ToArray());
    }

    [SkippableFact]
    public async Task An_async_copy_returns_a_token_after_which_exactly_the_range_has_landed()
    {
        DeviceBuffer source = Allocate(4096);
        DeviceBuffer destination = Allocate(4096);
        byte[] bytes = Pattern(4096);
        bytes.CopyTo(source.AsSpan());
        ICommandQueue copies = Own(backend.CreateQueue(QueueKind.Copy, "copies"));

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

    [SkippableTheory]
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
        ICommandQueue queue = Own(backend.CreateQueue(QueueKind.Copy, "bounds"));

        Assert.Throws<ArgumentOutOfRangeException>(() => new CommandList().Copy(source, sourceOffset, destination, destinationOffset, length));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.CopyAsync(source, sourceOffset, destination, destinationOffset, length));

        // The refused copies took no submission number: the next one is the queue's first.
        CommandToken token = queue.CopyAsync(source, 0, destination, 0, 100);
        Assert.Equal(1UL, token.Value);
        Assert.True(token.Wait(Patience));
    }

    [SkippableFact]
    public void A_copy_queue_refuses_kernel_dispatches_at_submission_and_takes_no_number()
    {
        DeviceBuffer buffer = Allocate(256);
        ICommandQueue copies = Own(backend.CreateQueue(QueueKind.Copy, "transfer"));

        var error = Assert.Throws<ArgumentException>(() => copies.Submit(new CommandList().MemoryBarrier().Exec(QueueConformanceKernels.Saxpy(4), new SaxpyArgs(buffer, buffer, 4, 1f))));

        Assert.Contains("command #1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'saxpy'", error.Message, StringComparison.Ordinal);
        CommandToken token = copies.CopyAsync(buffer, 0, buffer, 128, 128);
        Assert.Equal(1UL, token.Value);
        Assert.True(token.Wait(Patience));
    }

    [SkippableFact]
    public async Task A_throwing_command_faults_its_queue_and_everything_waiting_on_it_fails_with_the_command_named()
    {
        backend.SkipUnlessAKernelCanFail();
        DeviceBuffer data = Allocate(Elements * sizeof(float));
        DeviceBuffer ones = Allocate(Elements * sizeof(float));
        ones.AsSpan<float>(0, Elements).Fill(1f);
        TimelineSignal gate = Own(new TimelineSignal("gate"));
        TimelineSignal ready = Own(new TimelineSignal("ready"));
        TimelineSignal later = Own(new TimelineSignal("later"));
        TimelineSignal downstream = Own(new TimelineSignal("downstream"));
        ICommandQueue failing = Own(backend.CreateQueue(QueueKind.Compute, "failing"));
        ICommandQueue waiting = Own(backend.CreateQueue(QueueKind.Compute, "waiting"));
        var saxpy = QueueConformanceKernels.Saxpy(Elements);

        // Both of the failing queue's submissions are queued before anything runs.
        CommandList faultingCommands = new CommandList()
            .Wait(gate, 1)
            .Exec(saxpy, new SaxpyArgs(ones, data, Elements, 5f));
        CommandToken faulting = failing.Submit(backend.AppendFailingExec(faultingCommands, data, Elements).Signal(ready, 1));
        CommandToken queuedBehind = failing.Submit(new CommandList().Signal(later, 1));
        CommandToken dependent = waiting.Submit(new CommandList().Wait(ready, 1).Signal(downstream, 1));
        gate.Signal(1);

        var error = await Assert.ThrowsAsync<TimelineSignalFaultedException>(() => faulting.WaitAsync().WaitAsync(Patience));
        var fault = Assert.IsType<CommandQueueFaultedException>(error.InnerException);
        Assert.Equal(("failing", QueueKind.Compute, 1UL, 2), (fault.QueueName, fault.QueueKind, fault.Submission, fault.CommandIndex));
        Assert.Equal(backend.FailingCommand, fault.Command);
        backend.AssertFailingExecCause(fault.InnerException);
        Assert.Contains("'failing'", fault.Message, StringComparison.Ordinal);
        Assert.Contains(backend.FailingCommand, fault.Message, StringComparison.Ordinal);
        Assert.All(data.AsSpan<float>(0, Elements).ToArray(), v => Assert.Equal(5f, v));

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

    [SkippableFact]
    public void Disposing_a_queue_with_pending_work_cancels_it_and_fails_its_tokens_and_signals()
    {
        TimelineSignal never = Own(new TimelineSignal("never"));
        TimelineSignal first = Own(new TimelineSignal("first"));
        TimelineSignal second = Own(new TimelineSignal("second"));
        ICommandQueue queue = backend.CreateQueue(QueueKind.Compute, "disposed");
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
        never.Signal(1); // a device that still holds the wait lets it go
    }

    public void Dispose()
    {
        // Queues first: their workers may still touch the signals and buffers.
        foreach (IDisposable owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        GC.SuppressFinalize(this);
    }

    private static float Value(int round, int index) => (index * 3) + (round * 1000) + 1;

    private static byte[] Pattern(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)((i * 7) + 3);
        return bytes;
    }

    private DeviceBuffer Allocate(long bytes) => Own(backend.Allocate(bytes));

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
