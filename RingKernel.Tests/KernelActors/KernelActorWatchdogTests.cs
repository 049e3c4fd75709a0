using Akka.Actor;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.KernelActors.KernelActorKernels;

namespace RingKernel.Tests.KernelActors;

/// <summary>The watchdog, on Akka's test scheduler: a stall reaches the parent, idleness never does.</summary>
public sealed class KernelActorWatchdogTests() : KernelActorTestBase(manualClock: true)
{
    [Fact]
    public async Task A_stalled_kernel_raises_KernelFaultedException_to_its_parent_and_resumed_finishes_its_work()
    {
        using var gate = new ManualResetEventSlim();
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Gated(), gate, Options()), Directive.Resume);
        Task<Number> first = AskAsync<Number>(kernel, new Number(1));
        Task<Number> second = AskAsync<Number>(kernel, new Number(2));

        // Each step fires one watchdog check; the stall shows once the heartbeat has stood still for the timeout.
        TimeSpan advanced = TimeSpan.Zero;
        KernelFaultedException? fault = null;
        while (fault is null && advanced < TimeSpan.FromMinutes(5))
        {
            Clock.Advance(Options().WatchdogInterval);
            advanced += Options().WatchdogInterval;
            fault = Faults.ReceiveOne(TimeSpan.FromMilliseconds(50)) as KernelFaultedException;
        }

        Assert.NotNull(fault);
        Assert.Contains("heartbeat stood still", fault.Reason, StringComparison.Ordinal);
        Assert.True(advanced >= Options().StallTimeout, $"stall reported after {advanced}");

        // Resumed: the same kernel keeps running and answers both requests once it can.
        gate.Set();
        Assert.Equal(new Number(1), await first);
        Assert.Equal(new Number(2), await second);
        Assert.Equal(new Number(3), await AskAsync<Number>(kernel, new Number(3)));
        Faults.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public async Task An_idle_kernel_is_not_restarted_however_long_time_advances()
    {
        Props props = KernelActor.Props(Backend, RunningSum(), () => new long[1], Options());
        IActorRef kernel = Supervised(props, Directive.Restart);
        Assert.Equal(new Number(5), await AskAsync<Number>(kernel, new Number(5)));

        for (int i = 0; i < 3600; i++)
            Clock.Advance(TimeSpan.FromSeconds(1));

        // Every check was queued before this request; a restart would have started a fresh total.
        Assert.Equal(new Number(12), await AskAsync<Number>(kernel, new Number(7)));
        Faults.ExpectNoMsg(TimeSpan.Zero);
    }
}
