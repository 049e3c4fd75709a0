using Akka.Actor;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.Telemetry;
using RingKernel.Tests.Cpu.RingKernels;
using RingKernel.Tests.KernelActors;
using static RingKernel.Tests.KernelActors.KernelActorKernels;
using static RingKernel.Tests.Rings.TestRings;
using static RingKernel.Tests.Telemetry.TelemetryKernels;

namespace RingKernel.Tests.Telemetry;

/// <summary>On Akka's test scheduler: the heartbeat age the watchdog sees, and a stall counted as a watchdog trip.</summary>
public sealed class KernelWatchdogTelemetryTests() : KernelActorTestBase(manualClock: true)
{
    private static readonly TimeSpan Tick = Options().WatchdogInterval;

    [Fact]
    public async Task The_heartbeat_age_is_the_scheduler_time_since_the_watchdog_last_saw_the_heartbeat_move()
    {
        string name = UniqueName("heartbeat");
        using var recorder = new TelemetryRecorder(RingKernelTags.KernelName, name);
        using var gate = new Gate();
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Gated(name), gate, Options()), Directive.Resume);
        Task<Number> reply = AskAsync<Number>(kernel, new Number(1));
        Assert.True(gate.Entered.Wait(Patience));

        // The kernel beat since its watchdog was made (its activation): the first check sees the move.
        Clock.Advance(Tick);
        await AwaitAssertAsync(() => Assert.Equal(0, recorder.ObserveOne(RingKernelInstruments.KernelHeartbeatAge)));

        // Stuck in its message, it beats no more: two more ticks later its heartbeat is two ticks old.
        Clock.Advance(Tick * 2);
        Assert.Equal((Tick * 2).TotalSeconds, recorder.ObserveOne(RingKernelInstruments.KernelHeartbeatAge));

        gate.Open.Set();
        Assert.Equal(new Number(1), await reply);
        Faults.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_stall_counts_one_watchdog_trip_and_one_fault_and_a_resumed_kernel_is_not_relaunched()
    {
        string name = UniqueName("stalling");
        using var recorder = new TelemetryRecorder(RingKernelTags.KernelName, name);
        using var gate = new Gate();
        IActorRef kernel = Supervised(KernelActor.Props(Backend, Gated(name), gate, Options()), Directive.Resume);
        Task<Number> first = AskAsync<Number>(kernel, new Number(1));
        Task<Number> second = AskAsync<Number>(kernel, new Number(2));
        Assert.True(gate.Entered.Wait(Patience));

        KernelFaultedException? fault = null;
        for (TimeSpan advanced = TimeSpan.Zero; fault is null && advanced < TimeSpan.FromMinutes(5); advanced += Tick)
        {
            Clock.Advance(Tick);
            fault = Faults.ReceiveOne(TimeSpan.FromMilliseconds(50)) as KernelFaultedException;
        }

        Assert.NotNull(fault);
        gate.Open.Set();
        Assert.Equal(new Number(1), await first);
        Assert.Equal(new Number(2), await second);

        Assert.Equal(1, recorder.Sum(RingKernelInstruments.KernelWatchdogTrips));
        Assert.Equal(1, recorder.Sum(RingKernelInstruments.KernelFaults));
        Assert.Equal(1, recorder.Sum(RingKernelInstruments.KernelLaunches));
        Assert.Equal(0, recorder.Sum(RingKernelInstruments.KernelRestarts));
    }
}
