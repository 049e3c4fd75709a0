using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using static RingKernel.Tests.Cpu.RingKernels.RingTestKernels;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>
/// Every lifecycle transition of a ring kernel, legal and illegal, on the table. Transitions of running
/// kernels, on every backend, are in the conformance suite (Conformance/RingKernelConformanceTests).
/// </summary>
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
    public async Task A_fault_carries_the_exception_the_body_threw()
    {
        // The rest of a fault (state, control block, the message left first in the ring) is in the conformance suite.
        using RingKernelMemory memory = RingKernelMemory.Allocate(new CpuBackend().MemorySpace, Options(), Types());
        await using IRingKernel kernel = new CpuBackend().CreateRingKernel(Echo(), null, memory);
        kernel.Launch();
        await kernel.ActivateAsync();
        await SendAsync(kernel, new Number(Poison), 1);

        var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => kernel.Completion);
        Assert.Equal("echo", fault.KernelName);
        var execution = Assert.IsType<KernelExecutionException>(fault.InnerException);
        Assert.Equal("poison message", execution.InnerException!.Message);

        // Both messages are formatted when first read, to the same text as ever.
        Assert.Equal("Kernel 'echo' failed in workgroup (0, 0, 0) (workgroup-level body) after 0 barrier(s): InvalidOperationException: poison message", execution.Message);
        Assert.Equal($"its body threw KernelExecutionException: {execution.Message}", fault.Reason);
        Assert.Equal($"Ring kernel 'echo' faulted: {fault.Reason}", fault.Message);
    }

    [Fact]
    public void Ring_kernel_memory_needs_both_rings()
    {
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
