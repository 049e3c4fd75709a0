using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.Actors.Scheduling;
using RingKernel.TestKit;
using Xunit;

namespace RingKernel.Tests.Actors;

public sealed class SchedulerTests : RingKernel.TestKit.TestKit
{
    private readonly ManualTimeProvider _time;

    public SchedulerTests()
        : this(new ManualTimeProvider())
    {
    }

    private SchedulerTests(ManualTimeProvider time)
        : base(new ActorSystemSettings { TimeProvider = time, StandardOutLogLevel = ActorLogLevel.Off })
    {
        _time = time;
    }

    [Fact]
    public void A_once_message_arrives_when_its_delay_has_passed_and_not_before()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(3), TestActor, "tick", TestActor);
        _time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        _time.Advance(TimeSpan.FromTicks(1));
        ExpectMsg("tick");
        _time.Advance(TimeSpan.FromHours(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        Assert.Equal(0, _time.ArmedTimerCount);
    }

    [Fact]
    public void A_repeated_message_arrives_once_per_interval_until_cancelled()
    {
        ICancelable ticks = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor, "tick", TestActor);
        _time.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick");
        _time.Advance(TimeSpan.FromSeconds(6));
        ExpectMsgAllOf("tick", "tick", "tick");
        ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        ticks.Cancel();
        Assert.True(ticks.IsCancellationRequested);
        _time.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public void Cancelling_before_the_delay_prevents_delivery()
    {
        ICancelable once = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "never", TestActor);
        once.Cancel();
        _time.Advance(TimeSpan.FromSeconds(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public void Actions_run_in_order_of_their_due_times()
    {
        var order = new List<int>();
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(3), () => order.Add(3));
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => order.Add(1));
        Sys.Scheduler.ScheduleRepeatedly(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), () => order.Add(2));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal([1, 2, 3, 2], order);
    }

    [Fact]
    public void A_throwing_action_is_logged_as_an_error()
    {
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => throw new InvalidOperationException("scheduled"));
        EventFilter.Exception<InvalidOperationException>("scheduled").ExpectOne(() => _time.Advance(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Termination_cancels_pending_work()
    {
        ICancelable pending = Sys.Scheduler.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), () => { });
        Shutdown();
        Assert.True(pending.IsCancellationRequested);
        Assert.Equal(0, _time.ArmedTimerCount);
        Assert.True(Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => { }).IsCancellationRequested);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(-1), () => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.Zero, () => { }));
    }
}
