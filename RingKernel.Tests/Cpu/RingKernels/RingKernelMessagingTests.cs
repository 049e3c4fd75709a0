using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using static RingKernel.Tests.Cpu.RingKernels.TestKernels;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>Persistent CPU ring kernels answer requests exactly, in order, and one reply per request.</summary>
public class RingKernelMessagingTests
{
    [Fact]
    public async Task Echo_kernel_replies_to_every_request_with_its_value_and_correlation_id()
    {
        await using RunningKernel running = await StartAsync(Echo(), null);
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

    [Fact]
    public async Task Adder_kernel_keeps_its_running_total_in_its_arguments()
    {
        long[] total = [0];
        await using RunningKernel running = await StartAsync(Adder(), total);
        IRingKernel kernel = running.Kernel;
        for (int i = 1; i <= 100; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);

        List<(ulong CorrelationId, long Value)> replies = await ReadRepliesAsync(kernel, 100);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => ((ulong)i, (long)i * (i + 1) / 2)), replies);
        await kernel.TerminateAsync();
        Assert.Equal(5050, total[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(256)]
    public async Task Per_thread_body_one_thread_claims_and_the_whole_workgroup_sums(int workgroupSize)
    {
        await using RunningKernel running = await StartAsync(WorkgroupSum(workgroupSize), null);
        IRingKernel kernel = running.Kernel;
        const int count = 200;
        Task<List<(ulong CorrelationId, long Value)>> replies = ReadRepliesAsync(kernel, count);
        for (int i = 0; i < count; i++)
            await SendAsync(kernel, new RangeSum(i * 1000L, 3 * i + 1), (ulong)i + 1);

        static long Expected(int i) => (3L * i + 1) * (i * 1000L) + ((3L * i + 1) * 3L * i / 2);
        Assert.Equal(Enumerable.Range(0, count).Select(i => ((ulong)i + 1, Expected(i))), await replies);

        await kernel.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, kernel.State);
        Assert.Equal((ulong)count, kernel.ControlBlock.MessagesProcessed);
    }

    [Fact]
    public async Task Messages_sent_by_four_threads_at_once_each_get_exactly_one_reply()
    {
        await using RunningKernel running = await StartAsync(Echo(Options(capacity: 16)), null);
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

    [Fact]
    public async Task A_full_output_ring_makes_the_kernel_wait_and_nothing_is_dropped()
    {
        await using RunningKernel running = await StartAsync(Echo(Options(capacity: 4)), null);
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
}
