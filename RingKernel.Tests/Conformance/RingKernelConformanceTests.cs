using RingKernel.Backends;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.Conformance.ConformanceKernels;

namespace RingKernel.Tests.Conformance;

/// <summary>
/// What every backend's ring kernels do alike: replies exact, once and in order; every lifecycle
/// transition; a fault that loses nothing across a relaunch. Runs once per backend fixture.
/// </summary>
public abstract class RingKernelConformanceTests(RingBackendFixture fixture)
{
    protected IRingKernelBackend Backend => fixture.Backend;

    [SkippableFact]
    public async Task Echo_kernel_replies_to_every_request_with_its_value_and_correlation_id()
    {
        await using RunningKernel running = await StartAsync(Echo());
        IRingKernel kernel = running.Kernel;
        const int count = 1000;
        Task<List<(ulong CorrelationId, long Value)>> replies = ReadRepliesAsync(kernel, count);
        for (int i = 1; i <= count; i++)
            await SendAsync(kernel, new Number(i * 7L), (ulong)i);

        List<(ulong CorrelationId, long Value)> received = await replies;
        Assert.Equal(Enumerable.Range(1, count).Select(i => ((ulong)i, i * 7L)), received);
        await kernel.TerminateAsync();
        Assert.Equal((ulong)count, kernel.ControlBlock.MessagesProcessed);
        Assert.Equal((ulong)count, kernel.ControlBlock.MessagesSent);
        Assert.Equal(0, kernel.Input.Ring.Count);
    }

    [SkippableFact]
    public async Task Messages_sent_by_four_threads_at_once_each_get_exactly_one_reply()
    {
        await using RunningKernel running = await StartAsync(Echo(Options(capacity: 16)));
        IRingKernel kernel = running.Kernel;
        const int perSender = 2000;
        Task<List<(ulong CorrelationId, long Value)>> replies = ReadRepliesAsync(kernel, 4 * perSender);
        Task[] senders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < perSender; i++)
            {
                ulong id = (ulong)(s * perSender + i + 1);
                await SendAsync(kernel, new Number((long)id * 3), id);
            }
        })).ToArray();
        await Task.WhenAll(senders);

        List<(ulong CorrelationId, long Value)> received = await replies;
        Assert.Equal(Enumerable.Range(1, 4 * perSender).Select(i => (ulong)i), received.Select(r => r.CorrelationId).Order());
        Assert.All(received, r => Assert.Equal((long)r.CorrelationId * 3, r.Value));

        // Per sender, replies keep the order the sender sent in.
        foreach (IGrouping<ulong, (ulong CorrelationId, long Value)> sender in received.GroupBy(r => (r.CorrelationId - 1) / perSender))
            Assert.Equal(sender.Select(r => r.CorrelationId).Order(), sender.Select(r => r.CorrelationId));
    }

    [SkippableFact]
    public async Task A_full_output_ring_makes_the_kernel_wait_and_nothing_is_dropped()
    {
        await using RunningKernel running = await StartAsync(Echo(Options(capacity: 4)));
        IRingKernel kernel = running.Kernel;
        // Nobody reads while 4 requests are sent: 4 replies fill the output ring.
        for (int i = 1; i <= 4; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);
        Task<List<(ulong CorrelationId, long Value)>> replies = ReadRepliesAsync(kernel, 12);
        for (int i = 5; i <= 12; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);

        Assert.Equal(Enumerable.Range(1, 12).Select(i => ((ulong)i, (long)i)), await replies);
        Assert.Equal(KernelStatus.Running, kernel.ControlBlock.Status);
    }

    [SkippableFact]
    public async Task A_kernel_walks_created_launched_active_inactive_active_terminating_terminated()
    {
        using RingKernelMemory memory = Allocate(Options());
        IRingKernel kernel = Backend.CreateRingKernel(Echo(), null, memory);
        Assert.Equal(RingKernelState.Created, kernel.State);
        await Assert.ThrowsAsync<InvalidKernelTransitionException>(() => kernel.ActivateAsync());

        kernel.Launch();
        Assert.Equal(RingKernelState.Launched, kernel.State);
        Assert.Throws<InvalidKernelTransitionException>(kernel.Launch);
        var early = await Assert.ThrowsAsync<InvalidKernelTransitionException>(() => kernel.DeactivateAsync());
        Assert.Equal((RingKernelState.Launched, RingKernelState.Inactive), (early.From, early.To));

        await kernel.ActivateAsync();
        Assert.Equal(RingKernelState.Active, kernel.State);
        Assert.Equal(KernelStatus.Running, kernel.ControlBlock.Status);
        Assert.Equal(kernel.ControlBlock.CommandEpoch, kernel.ControlBlock.AcknowledgedEpoch);

        await kernel.DeactivateAsync();
        Assert.Equal(RingKernelState.Inactive, kernel.State);
        Assert.Equal(KernelStatus.Idle, kernel.ControlBlock.Status);
        await Assert.ThrowsAsync<InvalidKernelTransitionException>(() => kernel.DeactivateAsync());

        await kernel.ActivateAsync();
        await kernel.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, kernel.State);
        Assert.Equal(KernelStatus.Terminated, kernel.ControlBlock.Status);
        Assert.True(kernel.Completion.IsCompletedSuccessfully);

        var late = await Assert.ThrowsAsync<InvalidKernelTransitionException>(() => kernel.ActivateAsync());
        Assert.Equal((RingKernelState.Terminated, RingKernelState.Active), (late.From, late.To));
        await Assert.ThrowsAsync<InvalidKernelTransitionException>(() => kernel.TerminateAsync());
    }

    [SkippableFact]
    public async Task A_launched_kernel_consumes_nothing_until_activated()
    {
        using RingKernelMemory memory = Allocate(Options());
        await using IRingKernel kernel = Backend.CreateRingKernel(Echo(), null, memory);
        kernel.Launch();
        for (int i = 1; i <= 5; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);
        Assert.Equal(5, kernel.Input.Ring.Count);

        await kernel.ActivateAsync();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => ((ulong)i, (long)i)), await ReadRepliesAsync(kernel, 5));
        await kernel.TerminateAsync();
    }

    [SkippableFact]
    public async Task Activate_without_waiting_starts_consumption_at_once_and_a_fault_still_ends_the_kernel()
    {
        using RingKernelMemory memory = Allocate(Options());
        await using IRingKernel kernel = Backend.CreateRingKernel(Echo(), null, memory);
        kernel.Launch();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        kernel.OnEnded(ended.SetResult);
        kernel.Activate();
        Assert.Equal(RingKernelState.Active, kernel.State);

        long[] values = [3, 6, Poison, 9];
        for (int i = 0; i < values.Length; i++)
            await SendAsync(kernel, new Number(values[i]), (ulong)i + 1);
        Assert.Equal([(1UL, 3L), (2UL, 6L)], await ReadRepliesAsync(kernel, 2));
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(RingKernelState.Faulted, kernel.State);
        Assert.Equal(2, memory.Input.Ring.Count);

        var illegal = Assert.Throws<InvalidKernelTransitionException>(kernel.Activate);
        Assert.Equal((RingKernelState.Faulted, RingKernelState.Active), (illegal.From, illegal.To));
    }

    [SkippableFact]
    public async Task Deactivate_stops_consumption_with_messages_left_queued_and_activate_resumes()
    {
        await using RunningKernel running = await StartAsync(Echo());
        IRingKernel kernel = running.Kernel;
        await SendAsync(kernel, new Number(1), 1);
        Assert.Equal([(1UL, 1L)], await ReadRepliesAsync(kernel, 1));

        await kernel.DeactivateAsync();
        for (int i = 2; i <= 11; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);

        // The kernel acknowledged before these were sent, so none may be taken while it is inactive;
        // the pause gives a kernel that wrongly kept consuming the time to do so.
        await Task.Delay(50);
        Assert.Equal(10, kernel.Input.Ring.Count);
        Assert.Equal(0, kernel.Output.Ring.Count);

        await kernel.ActivateAsync();
        Assert.Equal(Enumerable.Range(2, 10).Select(i => ((ulong)i, (long)i)), await ReadRepliesAsync(kernel, 10));
    }

    [SkippableFact]
    public async Task Terminate_leaves_unprocessed_messages_for_a_kernel_relaunched_over_the_same_memory()
    {
        using RingKernelMemory memory = Allocate(Options());
        IRingKernel first = Backend.CreateRingKernel(Echo(), null, memory);
        first.Launch();
        for (int i = 1; i <= 8; i++)
            await SendAsync(first, new Number(i), (ulong)i);
        await first.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, first.State);
        Assert.Equal(8, memory.Input.Ring.Count);

        await using IRingKernel second = Backend.CreateRingKernel(Echo(), null, memory);
        second.Launch();
        await second.ActivateAsync();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => ((ulong)i, (long)i)), await ReadRepliesAsync(second, 8));
    }

    [SkippableFact]
    public async Task A_faulting_message_faults_the_kernel_and_stays_first_in_the_ring_uncommitted()
    {
        using RingKernelMemory memory = Allocate(Options());
        IRingKernel kernel = Backend.CreateRingKernel(Echo(), null, memory);
        kernel.Launch();
        await kernel.ActivateAsync();
        long[] values = [1, 2, Poison, 4, 5];
        for (int i = 0; i < values.Length; i++)
            await SendAsync(kernel, new Number(values[i]), (ulong)i + 1);

        var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => kernel.Completion);
        Assert.Equal("echo", fault.KernelName);
        Assert.Equal(RingKernelState.Faulted, kernel.State);
        Assert.True(kernel.FaultedOnMessage);
        Assert.Equal(KernelStatus.Faulted, kernel.ControlBlock.Status);
        Assert.Equal(KernelErrorCodes.BodyFault, kernel.ControlBlock.LastError);
        Assert.Equal(1u, kernel.ControlBlock.ErrorCount);
        Assert.Equal(2UL, kernel.ControlBlock.MessagesProcessed);
        Assert.Equal([(1UL, 1L), (2UL, 2L)], await ReadRepliesAsync(kernel, 2));

        Assert.Equal(3, memory.Input.Ring.Count);
        Assert.True(memory.Input.TryDequeue(out Number head, out MessageHeader header));
        Assert.Equal((Poison, 3UL), (head.Value, header.CorrelationId));

        var illegal = await Assert.ThrowsAsync<InvalidKernelTransitionException>(() => kernel.ActivateAsync());
        Assert.Equal((RingKernelState.Faulted, RingKernelState.Active), (illegal.From, illegal.To));
        await kernel.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, kernel.State);

        // A relaunch over the same memory answers what the faulted kernel left.
        await using IRingKernel relaunched = Backend.CreateRingKernel(Echo(), null, memory);
        relaunched.Launch();
        await relaunched.ActivateAsync();
        Assert.Equal([(4UL, 4L), (5UL, 5L)], await ReadRepliesAsync(relaunched, 2));
    }

    /// <summary>
    /// Fault injection: a kernel that faults in the middle of streams from four host threads is
    /// relaunched over the same memory, its poison message answered with an error, and every message
    /// gets exactly one reply.
    /// </summary>
    [SkippableFact]
    public async Task Relaunched_after_faults_every_message_from_four_senders_gets_exactly_one_reply()
    {
        const int senders = 4;
        const int perSender = 1000;
        const int total = senders * perSender;
        using RingKernelMemory memory = Allocate(Options(capacity: 32));

        // Message i of sender s is poison when i % 500 == 250: 8 faults spread over the streams.
        static bool IsPoison(ulong id) => (id - 1) % perSender % 500 == 250;

        var replies = new Dictionary<ulong, (long Value, bool Error)>();
        var duplicates = new List<ulong>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task reader = Task.Run(
            async () =>
            {
                while (replies.Count + duplicates.Count < total)
                {
                    await memory.Output.WaitToReadAsync(timeout.Token);
                    var collector = new ReplyCollector(replies, duplicates);
                    memory.Output.Drain(ref collector);
                }
            },
            timeout.Token);

        Task[] sending = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < perSender; i++)
            {
                ulong id = (ulong)(s * perSender + i + 1);
                await memory.Input.EnqueueAsync(new Number(IsPoison(id) ? Poison : (long)id * 5), new MessageHeader { CorrelationId = id }, timeout.Token);
            }
        })).ToArray();

        int restarts = 0;
        IRingKernel kernel = await LaunchAsync(memory);
        while (!reader.IsCompleted)
        {
            Task finished = await Task.WhenAny(kernel.Completion, reader);
            if (finished == reader)
                break;
            await Assert.ThrowsAsync<KernelFaultedException>(() => kernel.Completion);
            MessageHeader? skipped = await RingKernelRecovery.SkipFaultedMessageAsync(kernel, timeout.Token);
            Assert.True(IsPoison(skipped!.Value.CorrelationId));
            await kernel.TerminateAsync();
            restarts++;
            kernel = await LaunchAsync(memory);
        }

        await reader;
        await Task.WhenAll(sending);
        await kernel.DisposeAsync();

        Assert.Empty(duplicates);
        Assert.Equal(total, replies.Count);
        Assert.Equal(senders * 2, restarts);
        for (ulong id = 1; id <= total; id++)
        {
            (long value, bool error) = replies[id];
            Assert.Equal(IsPoison(id), error);
            if (!error)
                Assert.Equal((long)id * 5, value);
        }

        Assert.Equal((uint)restarts, memory.ControlBlock.ErrorCount);
    }

    [SkippableFact]
    public void A_ring_kernel_must_be_one_workgroup()
    {
        var options = new LaunchOptions(new Dim3(2), new Dim3(4)) { InputRingCapacity = 8, OutputRingCapacity = 8 };
        using RingKernelMemory memory = Allocate(options);
        var error = Assert.Throws<ArgumentException>(() => Backend.CreateRingKernel(Echo(options), null, memory));
        Assert.Contains("one workgroup", error.Message, StringComparison.Ordinal);
    }

    protected RingKernelMemory Allocate(LaunchOptions options) => RingKernelMemory.Allocate(Backend.MemorySpace, options, Types());

    /// <summary>A launched and activated kernel over fresh memory.</summary>
    protected async Task<RunningKernel> StartAsync(KernelDefinition<object?> definition)
    {
        RingKernelMemory memory = Allocate(definition.Options);
        var running = new RunningKernel(Backend.CreateRingKernel(definition, null, memory), memory);
        running.Kernel.Launch();
        await running.Kernel.ActivateAsync();
        return running;
    }

    /// <summary>Sends <paramref name="value"/> with <paramref name="correlationId"/>, waiting while the input ring is full.</summary>
    protected static ValueTask SendAsync<T>(IRingKernel kernel, T value, ulong correlationId)
        where T : unmanaged =>
        kernel.Input.EnqueueAsync(value, new MessageHeader { CorrelationId = correlationId });

    /// <summary>Reads <paramref name="count"/> replies as (correlation id, value), in arrival order.</summary>
    protected static async Task<List<(ulong CorrelationId, long Value)>> ReadRepliesAsync(IRingKernel kernel, int count)
    {
        var replies = new List<(ulong, long)>(count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (replies.Count < count)
        {
            // A kernel that ends meanwhile (a fault) is reported as such, not as a timeout.
            Task readable = kernel.Output.WaitToReadAsync(timeout.Token).AsTask();
            if (await Task.WhenAny(readable, kernel.Completion) == kernel.Completion && kernel.Completion.IsFaulted && kernel.Output.Ring.Count == 0)
                await kernel.Completion;
            await readable;
            while (replies.Count < count && kernel.Output.TryDequeue(out Number number, out MessageHeader header))
            {
                Assert.True((header.Flags & MessageFlags.Reply) != 0);
                replies.Add((header.CorrelationId, number.Value));
            }
        }

        return replies;
    }

    private async Task<IRingKernel> LaunchAsync(RingKernelMemory memory)
    {
        IRingKernel kernel = Backend.CreateRingKernel(Echo(memory.Options), null, memory);
        kernel.Launch();
        await kernel.ActivateAsync();
        return kernel;
    }

    private readonly struct ReplyCollector(Dictionary<ulong, (long Value, bool Error)> replies, List<ulong> duplicates) : IMessageHandler
    {
        public void Handle(RingMessage message)
        {
            ulong id = message.Header.CorrelationId;
            bool error = (message.Header.Flags & MessageFlags.Error) != 0;
            long value = error ? message.Get<KernelFaultReply>().ErrorCode : message.Get<Number>().Value;
            if (!replies.TryAdd(id, (value, error)))
                duplicates.Add(id);
        }
    }
}
