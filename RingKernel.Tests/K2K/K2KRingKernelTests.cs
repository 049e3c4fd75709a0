using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.K2K.K2KTestSupport;

namespace RingKernel.Tests.K2K;

/// <summary>Persistent CPU ring kernels talk to each other over K2K from their bodies, with no host round trip.</summary>
public class K2KRingKernelTests
{
    private const int East = (int)K2KDirection.XPlus;
    private const int West = (int)K2KDirection.XMinus;

    /// <summary>For each value from the host: sends it east, waits for the answer from the east, replies with it.</summary>
    private static readonly KernelDefinition<object?> Asker = new KernelDefinition<object?>("asker", Options())
        .WithCpuMessage(static (kernel, _) =>
        {
            StreamValue question = kernel.Get<StreamValue>();
            kernel.K2K.Send(East, question, kernel.TerminationToken);
            kernel.Reply(kernel.K2K.Receive<StreamValue>(East, kernel.TerminationToken));
        });

    /// <summary>For a count from the host: answers that many values from the west with 2v + 1, then replies with the count.</summary>
    private static readonly KernelDefinition<object?> Answerer = new KernelDefinition<object?>("answerer", Options())
        .WithCpuMessage(static (kernel, _) =>
        {
            long count = kernel.Get<StreamValue>().Value;
            for (long i = 0; i < count; i++)
            {
                long value = kernel.K2K.Receive<StreamValue>(West, kernel.TerminationToken).Value;
                kernel.K2K.Send(West, new StreamValue((2 * value) + 1), kernel.TerminationToken);
            }

            kernel.Reply(new StreamValue(count));
        });

    [Fact]
    public async Task Two_ring_kernels_exchange_K2K_messages_from_their_bodies()
    {
        const int count = 2000;
        using K2KFabric fabric = Fabric(inboxCapacity: 8);
        fabric.Register(1);
        fabric.Register(2);
        K2KRoute there = fabric.Connect(1, K2KDirection.XPlus, 2);
        K2KRoute back = fabric.Connect(2, K2KDirection.XMinus, 1);
        await using RunningKernel asker = await StartAsync(Asker, fabric.Endpoint(1));
        await using RunningKernel answerer = await StartAsync(Answerer, fabric.Endpoint(2));

        await answerer.Kernel.Input.EnqueueAsync(new StreamValue(count), new MessageHeader { CorrelationId = 1 });
        Task<List<(ulong, long, uint)>> answers = ReadRepliesAsync(asker.Kernel, count);
        for (int i = 0; i < count; i++)
            await asker.Kernel.Input.EnqueueAsync(new StreamValue(i * 3L), new MessageHeader { CorrelationId = (ulong)i + 1 });

        Assert.Equal(Enumerable.Range(0, count).Select(i => ((ulong)i + 1, (6L * i) + 1, 1u)), await answers);
        Assert.Equal([(1UL, (long)count, 2u)], await ReadRepliesAsync(answerer.Kernel, 1));

        await asker.Kernel.TerminateAsync();
        await answerer.Kernel.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, asker.Kernel.State);
        Assert.Equal(RingKernelState.Terminated, answerer.Kernel.State);
        Assert.Equal((ulong)count + 1, there.NextSequence);
        Assert.Equal((ulong)count + 1, there.ExpectedSequence);
        Assert.Equal((ulong)count + 1, back.NextSequence);
        Assert.Equal((ulong)count + 1, back.ExpectedSequence);
        Assert.Equal((ulong)count, asker.Kernel.ControlBlock.MessagesProcessed);
    }

    [Fact]
    public async Task Terminating_a_kernel_blocked_in_a_K2K_receive_ends_it_normally_and_keeps_its_message()
    {
        using K2KFabric fabric = Fabric();
        fabric.Register(1);
        fabric.Register(2);
        K2KRoute into = fabric.Connect(1, K2KDirection.XPlus, 2);
        await using RunningKernel answerer = await StartAsync(Answerer, fabric.Endpoint(2));

        // It takes the request and waits for a K2K message that never comes.
        await answerer.Kernel.Input.EnqueueAsync(new StreamValue(5), new MessageHeader { CorrelationId = 1 });
        Assert.True(SpinWait.SpinUntil(() => into.HasParkedWaiters, TimeSpan.FromSeconds(20)));

        await answerer.Kernel.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(RingKernelState.Terminated, answerer.Kernel.State);
        Assert.False(answerer.Kernel.FaultedOnMessage);
        Assert.Equal(1, answerer.Kernel.Input.Ring.Count);
        Assert.Equal(0UL, answerer.Kernel.ControlBlock.MessagesProcessed);
        Assert.Equal((uint)KernelStatus.Terminated, (uint)answerer.Kernel.ControlBlock.Status);
    }

    [Fact]
    public async Task A_kernel_without_an_endpoint_faults_naming_the_missing_attachment()
    {
        var memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, Asker.Options, Types());
        await using var running = new RunningKernel(new CpuBackend().CreateRingKernel(Asker, null, memory), memory);
        running.Kernel.Launch();
        await running.Kernel.ActivateAsync();
        await running.Kernel.Input.EnqueueAsync(new StreamValue(1));

        var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => running.Kernel.Completion.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("has no K2K endpoint; attach one with RingKernelMemory.AttachK2K", fault.Message, StringComparison.Ordinal);
    }

    private static LaunchOptions Options() => new(new Dim3(1), new Dim3(1)) { InputRingCapacity = 64, OutputRingCapacity = 64 };

    private static async Task<RunningKernel> StartAsync(KernelDefinition<object?> definition, K2KEndpoint endpoint)
    {
        var memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, definition.Options, Types());
        memory.AttachK2K(endpoint);
        Assert.Equal(endpoint.KernelId, memory.ControlBlock.KernelId);
        var running = new RunningKernel(new CpuBackend().CreateRingKernel(definition, null, memory), memory);
        running.Kernel.Launch();
        await running.Kernel.ActivateAsync();
        return running;
    }

    /// <summary>Reads <paramref name="count"/> replies as (correlation id, value, source kernel id), in arrival order.</summary>
    private static async Task<List<(ulong, long, uint)>> ReadRepliesAsync(IRingKernel kernel, int count)
    {
        var replies = new List<(ulong, long, uint)>(count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (replies.Count < count)
        {
            await kernel.Output.WaitToReadAsync(timeout.Token);
            while (replies.Count < count && kernel.Output.TryDequeue(out StreamValue value, out MessageHeader header))
                replies.Add((header.CorrelationId, value.Value, header.SourceId));
        }

        return replies;
    }
}
