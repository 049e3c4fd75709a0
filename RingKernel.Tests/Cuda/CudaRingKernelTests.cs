using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.TestKernels.Cuda;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.Cpu.RingKernels.RingTestKernels;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// Persistent ring kernels on a CUDA device, the CPU ring kernel tests' twins: data round trips,
/// lifecycle, and fault and restart with nothing lost. ring_echo answers value v with v * 2 + 1.
/// </summary>
[Collection(CudaDeviceCollection.Name)]
public class CudaRingKernelTests
{
    private const uint NumberType = 1;

    [SkippableFact]
    public async Task Echo_kernel_replies_to_every_request_with_its_value_and_correlation_id_in_order()
    {
        CudaFacts.SkipUnlessAvailable();
        await using RunningKernel running = Start(out _, poison: null);
        IRingKernel kernel = running.Kernel;
        await kernel.ActivateAsync();
        const int count = 1000;
        Task<List<(ulong CorrelationId, long Value)>> replies = ReadRepliesAsync(kernel, count);
        for (int i = 1; i <= count; i++)
            await SendAsync(kernel, new Number(i * 7L), (ulong)i);

        Assert.Equal(Enumerable.Range(1, count).Select(i => ((ulong)i, (i * 14L) + 1)), await replies);
        await kernel.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, kernel.State);
        Assert.Equal(KernelStatus.Terminated, kernel.ControlBlock.Status);
        Assert.Equal((ulong)count, kernel.ControlBlock.MessagesProcessed);
        Assert.Equal((ulong)count, kernel.ControlBlock.MessagesSent);
        Assert.Equal(0, kernel.Input.Ring.Count);
        Assert.True(kernel.ControlBlock.Heartbeat > 0);
    }

    [SkippableFact]
    public async Task Lifecycle_walks_launched_active_inactive_active_terminated_with_messages_held_while_inactive()
    {
        CudaFacts.SkipUnlessAvailable();
        await using RunningKernel running = Start(out _, poison: null);
        IRingKernel kernel = running.Kernel;
        Assert.Equal(RingKernelState.Launched, kernel.State);
        for (int i = 1; i <= 4; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);
        Assert.Equal(4, kernel.Input.Ring.Count);
        Assert.Equal(0UL, kernel.ControlBlock.MessagesProcessed);

        await kernel.ActivateAsync();
        Assert.Equal(KernelStatus.Running, kernel.ControlBlock.Status);
        Assert.Equal([(1UL, 3L), (2UL, 5L), (3UL, 7L), (4UL, 9L)], await ReadRepliesAsync(kernel, 4));

        await kernel.DeactivateAsync();
        Assert.Equal(RingKernelState.Inactive, kernel.State);
        Assert.Equal(KernelStatus.Idle, kernel.ControlBlock.Status);
        for (int i = 5; i <= 8; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);
        Assert.Equal(4, kernel.Input.Ring.Count);

        await kernel.ActivateAsync();
        Assert.Equal([(5UL, 11L), (6UL, 13L), (7UL, 15L), (8UL, 17L)], await ReadRepliesAsync(kernel, 4));
        await kernel.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, kernel.State);
    }

    [SkippableFact]
    public async Task Terminate_leaves_unprocessed_messages_for_a_kernel_relaunched_over_the_same_memory()
    {
        CudaFacts.SkipUnlessAvailable();
        KernelDefinition<RingEchoArgs> echo = Echo();
        using RingKernelMemory memory = RingKernelMemory.Allocate(CudaFacts.Backend.MemorySpace, echo.Options, Types());
        await using (IRingKernel first = CudaFacts.Backend.CreateRingKernel(echo, new RingEchoArgs(NumberType), memory))
        {
            first.Launch();
            for (int i = 1; i <= 8; i++)
                await SendAsync(first, new Number(i), (ulong)i);
            await first.TerminateAsync();
            Assert.Equal(8, memory.Input.Ring.Count);
        }

        await using IRingKernel second = CudaFacts.Backend.CreateRingKernel(echo, new RingEchoArgs(NumberType), memory);
        second.Launch();
        await second.ActivateAsync();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => ((ulong)i, (2L * i) + 1)), await ReadRepliesAsync(second, 8));
        await second.TerminateAsync();
    }

    [SkippableFact]
    public async Task A_fault_leaves_the_message_in_the_ring_and_a_restarted_kernel_answers_everything_once_in_order()
    {
        CudaFacts.SkipUnlessAvailable();
        const long poison = 1_000_003;
        KernelDefinition<RingEchoArgs> echo = Echo();
        using RingKernelMemory memory = RingKernelMemory.Allocate(CudaFacts.Backend.MemorySpace, echo.Options, Types());
        long[] values = [.. Enumerable.Range(1, 20).Select(i => (long)i)];
        values[9] = poison;
        var received = new List<(ulong CorrelationId, long Value)>();

        await using (IRingKernel first = CudaFacts.Backend.CreateRingKernel(echo, new RingEchoArgs(NumberType, poison), memory))
        {
            first.Launch();
            await first.ActivateAsync();
            for (int i = 0; i < values.Length; i++)
                await SendAsync(first, new Number(values[i]), (ulong)i + 1);
            var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => first.Completion);
            Assert.Contains("faulted", fault.Message, StringComparison.Ordinal);
            Assert.Equal(RingKernelState.Faulted, first.State);
            Assert.True(first.FaultedOnMessage);
            Assert.Equal(KernelStatus.Faulted, first.ControlBlock.Status);
            Assert.Equal(KernelErrorCodes.BodyFault, first.ControlBlock.LastError);
            received.AddRange(await ReadRepliesAsync(first, 9));
            Assert.Equal(11, memory.Input.Ring.Count);
            await first.TerminateAsync();
        }

        await using IRingKernel second = CudaFacts.Backend.CreateRingKernel(echo, new RingEchoArgs(NumberType), memory);
        second.Launch();
        await second.ActivateAsync();
        received.AddRange(await ReadRepliesAsync(second, 11));
        Assert.Equal(values.Select((v, i) => ((ulong)i + 1, (2 * v) + 1)), received);
        await second.TerminateAsync();
        Assert.Equal(0, memory.Input.Ring.Count);
    }

    private static KernelDefinition<RingEchoArgs> Echo() => CudaKernels.RingEcho("echo", inputCapacity: 64, outputCapacity: 64);

    private static RunningKernel Start(out KernelDefinition<RingEchoArgs> echo, long? poison)
    {
        echo = Echo();
        RingKernelMemory memory = RingKernelMemory.Allocate(CudaFacts.Backend.MemorySpace, echo.Options, Types());
        IRingKernel kernel = CudaFacts.Backend.CreateRingKernel(echo, new RingEchoArgs(NumberType, poison), memory);
        kernel.Launch();
        return new RunningKernel(kernel, memory);
    }
}
