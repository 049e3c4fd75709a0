using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using static RingKernel.Tests.Cpu.RingKernels.TestKernels;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>Every lifecycle transition of a ring kernel, legal and illegal, on the table and on a running CPU kernel.</summary>
public class RingKernelLifecycleTests
{
    private static readonly (RingKernelState From, RingKernelState To)[] Legal =
    [
        (RingKernelState.Created, RingKernelState.Launched),
        (RingKernelState.Launched, RingKernelState.Active),
        (RingKernelState.Inactive, RingKernelState.Active),
        (RingKernelState.Active, RingKernelState.Inactive),
        (RingKernelState.Launched, RingKernelState.Terminating),
        (RingKernelState.Active, RingKernelState.Terminating),
        (RingKernelState.Inactive, RingKernelState.Terminating),
        (RingKernelState.Terminating, RingKernelState.Terminated),
        (RingKernelState.Launched, RingKernelState.Faulted),
        (RingKernelState.Active, RingKernelState.Faulted),
        (RingKernelState.Inactive, RingKernelState.Faulted),
        (RingKernelState.Terminating, RingKernelState.Faulted),
        (RingKernelState.Faulted, RingKernelState.Terminated),
    ];

    [Fact]
    public void The_transition_table_allows_exactly_the_documented_moves_and_names_both_states_otherwise()
    {
        RingKernelState[] states = Enum.GetValues<RingKernelState>();
        foreach (RingKernelState from in states)
        {
            foreach (RingKernelState to in states)
            {
                bool legal = Legal.Contains((from, to));
                Assert.Equal(legal, RingKernelLifecycle.IsLegal(from, to));

                RingKernelLifecycle lifecycle = At(from);
                if (legal)
                {
                    Assert.Equal(from, lifecycle.MoveTo(to));
                    Assert.Equal(to, lifecycle.State);
                }
                else
                {
                    var error = Assert.Throws<InvalidKernelTransitionException>(() => lifecycle.MoveTo(to));
                    Assert.Equal((from, to), (error.From, error.To));
                    Assert.Equal($"Ring kernel 'k' cannot go from {from} to {to}.", error.Message);
                    Assert.Equal(from, lifecycle.State);
                }
            }
        }
    }

    [Fact]
    public async Task A_kernel_walks_created_launched_active_inactive_active_terminating_terminated()
    {
        using RingKernelMemory memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, Options(), Types());
        IRingKernel kernel = new CpuBackend().CreateRingKernel(Echo(), null, memory);
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

    [Fact]
    public async Task A_launched_kernel_consumes_nothing_until_activated()
    {
        using RingKernelMemory memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, Options(), Types());
        await using IRingKernel kernel = new CpuBackend().CreateRingKernel(Echo(), null, memory);
        kernel.Launch();
        for (int i = 1; i <= 5; i++)
            await SendAsync(kernel, new Number(i), (ulong)i);
        Assert.Equal(5, kernel.Input.Ring.Count);

        await kernel.ActivateAsync();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => ((ulong)i, (long)i)), await ReadRepliesAsync(kernel, 5));
        await kernel.TerminateAsync();
    }

    [Fact]
    public async Task Deactivate_stops_consumption_with_messages_left_queued_and_activate_resumes()
    {
        await using RunningKernel running = await StartAsync(Echo(), null);
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

    [Fact]
    public async Task Terminate_leaves_unprocessed_messages_for_a_kernel_relaunched_over_the_same_memory()
    {
        using RingKernelMemory memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, Options(), Types());
        IRingKernel first = new CpuBackend().CreateRingKernel(Echo(), null, memory);
        first.Launch();
        for (int i = 1; i <= 8; i++)
            await SendAsync(first, new Number(i), (ulong)i);
        await first.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, first.State);
        Assert.Equal(8, memory.Input.Ring.Count);

        await using IRingKernel second = new CpuBackend().CreateRingKernel(Echo(), null, memory);
        second.Launch();
        await second.ActivateAsync();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => ((ulong)i, (long)i)), await ReadRepliesAsync(second, 8));
    }

    [Fact]
    public async Task A_body_that_throws_faults_the_kernel_and_leaves_the_message_it_was_processing_first_in_the_ring()
    {
        using RingKernelMemory memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, Options(), Types());
        IRingKernel kernel = new CpuBackend().CreateRingKernel(Echo(), null, memory);
        kernel.Launch();
        await kernel.ActivateAsync();
        long[] values = [1, 2, Poison, 4, 5];
        for (int i = 0; i < values.Length; i++)
            await SendAsync(kernel, new Number(values[i]), (ulong)i + 1);

        var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => kernel.Completion);
        Assert.Equal("echo", fault.KernelName);
        Assert.Equal("poison message", fault.InnerException!.InnerException!.Message);
        Assert.Equal(RingKernelState.Faulted, kernel.State);
        Assert.True(kernel.FaultedOnMessage);
        Assert.Equal(KernelStatus.Faulted, kernel.ControlBlock.Status);
        Assert.Equal(KernelErrorCodes.BodyFault, kernel.ControlBlock.LastError);
        Assert.Equal(1u, kernel.ControlBlock.ErrorCount);
        Assert.Equal([(1UL, 1L), (2UL, 2L)], await ReadRepliesAsync(kernel, 2));

        Assert.True(memory.Input.TryDequeue(out Number head, out MessageHeader header));
        Assert.Equal((Poison, 3UL), (head.Value, header.CorrelationId));
        Assert.Equal(2, memory.Input.Ring.Count);

        var illegal = await Assert.ThrowsAsync<InvalidKernelTransitionException>(() => kernel.ActivateAsync());
        Assert.Equal((RingKernelState.Faulted, RingKernelState.Active), (illegal.From, illegal.To));
        await kernel.TerminateAsync();
        Assert.Equal(RingKernelState.Terminated, kernel.State);
    }

    [Fact]
    public void A_ring_kernel_must_be_one_workgroup_with_both_rings()
    {
        var options = new LaunchOptions(new Dim3(2), new Dim3(4)) { InputRingCapacity = 8, OutputRingCapacity = 8 };
        using RingKernelMemory memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, options, Types());
        var error = Assert.Throws<ArgumentException>(() => new CpuBackend().CreateRingKernel(Echo(options), null, memory));
        Assert.Contains("one workgroup", error.Message, StringComparison.Ordinal);

        var noOutput = new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = 8 };
        Assert.Throws<ArgumentException>(() => RingKernelMemory.Allocate(new CpuBackend().MemorySpace, noOutput, Types()));
    }

    private static RingKernelLifecycle At(RingKernelState state)
    {
        var lifecycle = new RingKernelLifecycle("k");
        RingKernelState[] path = state switch
        {
            RingKernelState.Created => [],
            RingKernelState.Launched => [RingKernelState.Launched],
            RingKernelState.Active => [RingKernelState.Launched, RingKernelState.Active],
            RingKernelState.Inactive => [RingKernelState.Launched, RingKernelState.Active, RingKernelState.Inactive],
            RingKernelState.Terminating => [RingKernelState.Launched, RingKernelState.Terminating],
            RingKernelState.Terminated => [RingKernelState.Launched, RingKernelState.Terminating, RingKernelState.Terminated],
            _ => [RingKernelState.Launched, RingKernelState.Faulted],
        };
        foreach (RingKernelState step in path)
            lifecycle.MoveTo(step);
        return lifecycle;
    }
}
