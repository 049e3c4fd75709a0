using RingKernel.Kernels.Persistent;
using static RingKernel.Tests.Cpu.RingKernels.RingTestKernels;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>What only CPU ring kernels have: state in C# arguments and per-thread bodies; the round trips every backend shares are in the conformance suite (Conformance/).</summary>
public class RingKernelMessagingTests
{
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
}
