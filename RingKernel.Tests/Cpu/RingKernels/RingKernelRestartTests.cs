using RingKernel.Cpu;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Rings;
using static RingKernel.Tests.Cpu.RingKernels.TestKernels;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>
/// Fault injection: a kernel that faults in the middle of streams from four host threads is
/// relaunched over the same memory, its poison message answered with an error, and every message
/// gets exactly one reply.
/// </summary>
public class RingKernelRestartTests
{
    [Fact]
    public async Task Relaunched_after_faults_every_message_from_four_senders_gets_exactly_one_reply()
    {
        const int senders = 4;
        const int perSender = 1500;
        const int total = senders * perSender;
        var backend = new CpuBackend();
        using RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, Options(capacity: 32), Types());

        // Message i of sender s is poison when i % 500 == 250: 12 faults spread over the streams.
        static bool IsPoison(ulong id) => (id - 1) % perSender % 500 == 250;

        var replies = new Dictionary<ulong, (long Value, bool Error)>();
        var duplicates = new List<ulong>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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
        IRingKernel kernel = Launch(backend, memory);
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
            kernel = Launch(backend, memory);
        }

        await reader;
        await Task.WhenAll(sending);
        await kernel.DisposeAsync();

        Assert.Empty(duplicates);
        Assert.Equal(total, replies.Count);
        Assert.Equal(senders * 3, restarts);
        for (ulong id = 1; id <= total; id++)
        {
            (long value, bool error) = replies[id];
            Assert.Equal(IsPoison(id), error);
            if (!error)
                Assert.Equal((long)id * 5, value);
        }

        Assert.Equal((uint)restarts, memory.ControlBlock.ErrorCount);
    }

    private static IRingKernel Launch(CpuBackend backend, RingKernelMemory memory)
    {
        IRingKernel kernel = backend.CreateRingKernel(Echo(memory.Options), null, memory);
        kernel.Launch();
        kernel.ActivateAsync().GetAwaiter().GetResult();
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
