using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.Actors.Supervision;
using RingKernel.TestKit;
using RingKernel.Tests.Actors.Support;
using Xunit;

namespace RingKernel.Tests.Actors;

/// <summary>Max retries within a time window, on a manual clock.</summary>
public sealed class RestartWindowTests : RingKernel.TestKit.TestKit
{
    private readonly ManualTimeProvider _time;
    private readonly TestProbe _life;

    public RestartWindowTests()
        : this(new ManualTimeProvider())
    {
    }

    private RestartWindowTests(ManualTimeProvider time)
        : base(new ActorSystemSettings { TimeProvider = time, StandardOutLogLevel = ActorLogLevel.Off })
    {
        _time = time;
        _life = CreateTestProbe("life");
    }

    private IActorRef Worker(SupervisorStrategy strategy)
    {
        IActorRef sup = ActorOf(Supervisor.Props(strategy, _life.Ref, "sup"));
        sup.Tell(new CreateChild(LifecycleWorker.Props(_life.Ref, "w"), "w"));
        IActorRef worker = ExpectMsg<IActorRef>();
        _life.ExpectMsgAllOf("sup:ctor", "sup:prestart", "w:ctor", "w:prestart");
        Watch(worker);
        return worker;
    }

    private void FailAndExpectRestart(IActorRef worker)
    {
        worker.Tell(new Fail(new InvalidOperationException()));
        _life.ExpectMsg("w:prerestart:Fail");
        _life.ExpectMsg("w:poststop");
        _life.ExpectMsg("w:ctor");
        _life.ExpectMsg("w:postrestart");
        _life.ExpectMsg("w:prestart");
    }

    private void FailAndExpectStop(IActorRef worker)
    {
        worker.Tell(new Fail(new InvalidOperationException()));
        _life.ExpectMsg("w:poststop");
        ExpectTerminated(worker);
    }

    [Fact]
    public void A_restart_beyond_the_limit_within_the_window_stops_the_child()
    {
        IActorRef worker = Worker(new OneForOneStrategy(2, TimeSpan.FromSeconds(10), _ => Directive.Restart));
        FailAndExpectRestart(worker);
        _time.Advance(TimeSpan.FromSeconds(9));
        FailAndExpectRestart(worker);
        FailAndExpectStop(worker);
    }

    [Fact]
    public void Restarts_after_the_window_has_elapsed_start_a_new_window()
    {
        IActorRef worker = Worker(new OneForOneStrategy(2, TimeSpan.FromSeconds(10), _ => Directive.Restart));
        FailAndExpectRestart(worker);
        FailAndExpectRestart(worker);
        _time.Advance(TimeSpan.FromSeconds(11));
        FailAndExpectRestart(worker);
        FailAndExpectRestart(worker);
        FailAndExpectStop(worker);
    }

    [Fact]
    public void Without_a_window_restarts_are_counted_forever()
    {
        IActorRef worker = Worker(new OneForOneStrategy(1, null, _ => Directive.Restart));
        FailAndExpectRestart(worker);
        _time.Advance(TimeSpan.FromDays(365));
        FailAndExpectStop(worker);
    }

    [Fact]
    public void Zero_retries_stops_at_the_first_failure()
    {
        IActorRef worker = Worker(new OneForOneStrategy(0, null, _ => Directive.Restart));
        FailAndExpectStop(worker);
    }

    [Fact]
    public void AllForOne_counts_the_window_of_every_child()
    {
        IActorRef sup = ActorOf(Supervisor.Props(new AllForOneStrategy(1, TimeSpan.FromSeconds(5), _ => Directive.Restart), _life.Ref, "sup"));
        sup.Tell(new CreateChild(LifecycleWorker.Props(_life.Ref, "a"), "a"));
        IActorRef a = ExpectMsg<IActorRef>();
        sup.Tell(new CreateChild(LifecycleWorker.Props(_life.Ref, "b"), "b"));
        IActorRef b = ExpectMsg<IActorRef>();
        _life.ReceiveN(6);
        Watch(a);
        Watch(b);

        a.Tell(new Fail(new InvalidOperationException()));
        _life.ReceiveN(10);
        b.Tell(new Fail(new InvalidOperationException()));

        Assert.Equal(new HashSet<IActorRef> { a, b }, ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet());
    }
}
