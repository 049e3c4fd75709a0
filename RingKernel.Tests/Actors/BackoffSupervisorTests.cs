using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.Actors.Supervision;
using RingKernel.TestKit;
using RingKernel.Tests.Actors.Support;
using Xunit;

namespace RingKernel.Tests.Actors;

/// <summary>The backoff supervisor on a manual clock: delays are exact, nothing restarts early.</summary>
public sealed class BackoffSupervisorTests : RingKernel.TestKit.TestKit
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private readonly ManualTimeProvider _time;
    private readonly TestProbe _life;

    public BackoffSupervisorTests()
        : this(new ManualTimeProvider())
    {
    }

    private BackoffSupervisorTests(ManualTimeProvider time)
        : base(new ActorSystemSettings { TimeProvider = time, StandardOutLogLevel = ActorLogLevel.Off })
    {
        _time = time;
        _life = CreateTestProbe("life");
    }

    private IActorRef Start(BackoffOptions options)
    {
        IActorRef supervisor = ActorOf(options.Props(), "backoff");
        _life.ExpectMsg("c:ctor");
        _life.ExpectMsg("c:prestart");
        return supervisor;
    }

    private int RestartCount(IActorRef supervisor)
    {
        supervisor.Tell(BackoffSupervisor.GetRestartCount);
        return ExpectMsg<BackoffSupervisor.RestartCount>().Count;
    }

    private IActorRef? CurrentChild(IActorRef supervisor)
    {
        supervisor.Tell(BackoffSupervisor.GetCurrentChild);
        return ExpectMsg<BackoffSupervisor.CurrentChild>().Ref;
    }

    /// <summary>The child was stopped and the restart is scheduled: nothing happens until exactly <paramref name="delay"/> has passed.</summary>
    private void ExpectRestartAfter(IActorRef supervisor, TimeSpan delay, int restartCount)
    {
        AwaitAssert(() => Assert.Equal(restartCount, RestartCount(supervisor)));
        Assert.Null(CurrentChild(supervisor));
        _time.Advance(delay - Tick);
        _life.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        _time.Advance(Tick);
        _life.ExpectMsg("c:ctor");
        _life.ExpectMsg("c:prestart");
    }

    [Fact]
    public void OnFailure_restarts_the_child_after_exponentially_growing_delays_capped_at_the_maximum()
    {
        IActorRef supervisor = Start(BackoffOptions.OnFailure(LifecycleWorker.Props(_life.Ref, "c"), "c", Min, Max, 0).WithManualReset());
        TimeSpan[] expected = [Min, 2 * Min, 4 * Min, Max, Max];
        for (int i = 0; i < expected.Length; i++)
        {
            supervisor.Tell(new Fail(new InvalidOperationException()));
            _life.ExpectMsg("c:poststop");
            ExpectRestartAfter(supervisor, expected[i], i + 1);
        }
    }

    [Fact]
    public void Messages_are_forwarded_to_the_child_and_go_to_dead_letters_while_it_is_backing_off()
    {
        IActorRef supervisor = Start(BackoffOptions.OnFailure(LifecycleWorker.Props(_life.Ref, "c"), "c", Min, Max, 0));
        supervisor.Tell("inc");
        supervisor.Tell("get");
        Assert.Equal(1, ExpectMsg<int>());
        IActorRef child = LastSender;
        Assert.Equal(child, CurrentChild(supervisor));

        supervisor.Tell(new Fail(new InvalidOperationException()));
        _life.ExpectMsg("c:poststop");
        AwaitAssert(() => Assert.Null(CurrentChild(supervisor)));
        EventFilter.DeadLetter<string>(s => s == "lost").ExpectOne(() => supervisor.Tell("lost"));

        _time.Advance(Min);
        _life.ExpectMsg("c:ctor");
        _life.ExpectMsg("c:prestart");
        supervisor.Tell("get");
        Assert.Equal(0, ExpectMsg<int>());
    }

    [Fact]
    public void OnFailure_stops_the_supervisor_when_the_child_stops_by_itself()
    {
        IActorRef supervisor = Start(BackoffOptions.OnFailure(LifecycleWorker.Props(_life.Ref, "c"), "c", Min, Max, 0));
        Watch(supervisor);
        CurrentChild(supervisor)!.Tell(PoisonPill.Instance);
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void OnStop_recreates_a_child_that_stopped()
    {
        IActorRef supervisor = Start(BackoffOptions.OnStop(LifecycleWorker.Props(_life.Ref, "c"), "c", Min, Max, 0).WithManualReset());
        CurrentChild(supervisor)!.Tell(PoisonPill.Instance);
        _life.ExpectMsg("c:poststop");
        ExpectRestartAfter(supervisor, Min, 1);
        CurrentChild(supervisor)!.Tell(PoisonPill.Instance);
        _life.ExpectMsg("c:poststop");
        ExpectRestartAfter(supervisor, 2 * Min, 2);
    }

    [Fact]
    public void Automatic_reset_returns_the_count_to_zero_after_the_child_ran_long_enough()
    {
        IActorRef supervisor = Start(BackoffOptions.OnFailure(LifecycleWorker.Props(_life.Ref, "c"), "c", Min, Max, 0).WithAutoReset(TimeSpan.FromSeconds(10)));
        supervisor.Tell(new Fail(new InvalidOperationException()));
        _life.ExpectMsg("c:poststop");
        ExpectRestartAfter(supervisor, Min, 1);

        _time.Advance(TimeSpan.FromSeconds(10));

        AwaitAssert(() => Assert.Equal(0, RestartCount(supervisor)));
        supervisor.Tell(new Fail(new InvalidOperationException()));
        _life.ExpectMsg("c:poststop");
        ExpectRestartAfter(supervisor, Min, 1);
    }

    [Fact]
    public void Manual_reset_is_sent_by_the_child()
    {
        IActorRef supervisor = Start(BackoffOptions.OnFailure(LifecycleWorker.Props(_life.Ref, "c"), "c", Min, Max, 0).WithManualReset());
        supervisor.Tell(new Fail(new InvalidOperationException()));
        _life.ExpectMsg("c:poststop");
        ExpectRestartAfter(supervisor, Min, 1);

        supervisor.Tell(BackoffSupervisor.Reset);

        Assert.Equal(0, RestartCount(supervisor));
    }

    [Fact]
    public void The_supervisor_stops_after_the_maximum_number_of_restarts()
    {
        IActorRef supervisor = Start(BackoffOptions.OnFailure(LifecycleWorker.Props(_life.Ref, "c"), "c", Min, Max, 0).WithManualReset().WithMaxNrOfRetries(1));
        Watch(supervisor);
        supervisor.Tell(new Fail(new InvalidOperationException()));
        _life.ExpectMsg("c:poststop");
        ExpectRestartAfter(supervisor, Min, 1);
        supervisor.Tell(new Fail(new InvalidOperationException()));
        _life.ExpectMsg("c:poststop");
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void A_failure_the_decider_does_not_map_to_restart_is_applied_as_decided()
    {
        IActorRef supervisor = Start(BackoffOptions.OnFailure(LifecycleWorker.Props(_life.Ref, "c"), "c", Min, Max, 0)
            .WithDecider(e => e is ArgumentException ? Directive.Resume : Directive.Restart));
        supervisor.Tell("inc");
        supervisor.Tell(new Fail(new ArgumentException("ignored")));
        supervisor.Tell("inc");
        supervisor.Tell("get");
        Assert.Equal(2, ExpectMsg<int>());
        Assert.Equal(0, RestartCount(supervisor));
    }

    [Fact]
    public void The_random_factor_only_lengthens_the_delay_by_up_to_its_fraction()
    {
        BackoffOptions options = BackoffOptions.OnFailure(Props.Create<IdleActor>(), "c", Min, Max, 0.5);
        Assert.Equal(Min, options.DelayFor(0, 0));
        Assert.Equal(1.5 * Min, options.DelayFor(0, 1));
        Assert.Equal(Max * 1.5, options.DelayFor(10, 1));
        Assert.Equal(Max, options.DelayFor(5000, 0));
    }

    private sealed class IdleActor : ActorBase
    {
        protected override bool Receive(object message) => false;
    }
}
