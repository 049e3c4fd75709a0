using RingKernel.Actors;
using RingKernel.Actors.Supervision;
using RingKernel.TestKit;
using RingKernel.Tests.Actors.Support;
using Xunit;

namespace RingKernel.Tests.Actors;

public sealed class SupervisionTests : RingKernel.TestKit.TestKit
{
    private readonly TestProbe _life;

    public SupervisionTests()
    {
        _life = CreateTestProbe("life");
    }

    private IActorRef Supervise(SupervisorStrategy strategy, string name = "sup", bool keepChildrenOnRestart = false)
    {
        IActorRef supervisor = ActorOf(Supervisor.Props(strategy, _life.Ref, name, keepChildrenOnRestart), name);
        _life.ExpectMsg(name + ":ctor");
        _life.ExpectMsg(name + ":prestart");
        return supervisor;
    }

    private IActorRef Worker(IActorRef parent, string name)
    {
        parent.Tell(new CreateChild(LifecycleWorker.Props(_life.Ref, name), name));
        var child = ExpectMsg<IActorRef>();
        _life.ExpectMsg(name + ":ctor");
        _life.ExpectMsg(name + ":prestart");
        return child;
    }

    private int Count(IActorRef worker)
    {
        worker.Tell("get");
        return ExpectMsg<int>();
    }

    [Fact]
    public void Resume_keeps_state_drops_the_failing_message_and_continues_with_queued_ones()
    {
        IActorRef worker = Worker(Supervise(new OneForOneStrategy(_ => Directive.Resume)), "w");
        using var gate = new ManualResetEventSlim();
        var boom = new InvalidOperationException("boom");
        worker.Tell("inc");
        worker.Tell("inc");
        worker.Tell(new FailAfterGate(gate, boom));
        worker.Tell("inc");
        worker.Tell("get");

        EventFilter.Exception<InvalidOperationException>("boom").ExpectOne(gate.Set);

        Assert.Equal(3, ExpectMsg<int>());
        _life.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Restart_builds_a_new_instance_drops_the_failing_message_and_keeps_queued_ones()
    {
        IActorRef worker = Worker(Supervise(new OneForOneStrategy(_ => Directive.Restart)), "w");
        using var gate = new ManualResetEventSlim();
        worker.Tell("inc");
        worker.Tell("inc");
        worker.Tell(new FailAfterGate(gate, new InvalidOperationException("boom")));
        worker.Tell("inc");
        worker.Tell("get");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(gate.Set);

        // The new instance started from zero and saw only the message queued behind the failing one.
        Assert.Equal(1, ExpectMsg<int>());
        _life.ExpectMsg("w:prerestart:FailAfterGate");
        _life.ExpectMsg("w:poststop");
        _life.ExpectMsg("w:ctor");
        _life.ExpectMsg("w:postrestart");
        _life.ExpectMsg("w:prestart");
        _life.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Stop_drops_the_failing_message_and_sends_queued_ones_to_dead_letters()
    {
        IActorRef worker = Worker(Supervise(new OneForOneStrategy(_ => Directive.Stop)), "w");
        Watch(worker);
        using var gate = new ManualResetEventSlim();
        worker.Tell(new FailAfterGate(gate, new InvalidOperationException("boom")));
        worker.Tell("q1");
        worker.Tell("q2");

        IReadOnlyList<object> dead = EventFilter.DeadLetter<string>().Expect(2, gate.Set);

        Assert.Equal(["q1", "q2"], dead.Cast<RingKernel.Actors.Events.DeadLetter>().Select(d => (string)d.Message));
        Assert.All(dead.Cast<RingKernel.Actors.Events.DeadLetter>(), d => Assert.Equal(worker, d.Recipient));
        ExpectTerminated(worker);
        _life.ExpectMsg("w:poststop");
        EventFilter.DeadLetter<string>(s => s == "late").ExpectOne(() => worker.Tell("late"));
    }

    [Fact]
    public void Escalate_through_several_levels_reaches_the_top_with_the_same_exception()
    {
        var seen = CreateTestProbe();
        IActorRef top = Supervise(new OneForOneStrategy(e =>
        {
            seen.Ref.Tell(e, ActorRefs.NoSender);
            return Directive.Restart;
        }), "top");
        var escalate = new OneForOneStrategy(_ => Directive.Escalate);
        top.Tell(new CreateChild(Supervisor.Props(escalate, _life.Ref, "mid1"), "mid1"));
        IActorRef mid1 = ExpectMsg<IActorRef>();
        mid1.Tell(new CreateChild(Supervisor.Props(escalate, _life.Ref, "mid2"), "mid2"));
        IActorRef mid2 = ExpectMsg<IActorRef>();
        _life.ExpectMsgAllOf("mid1:ctor", "mid1:prestart", "mid2:ctor", "mid2:prestart");
        IActorRef leaf = Worker(mid2, "leaf");
        Watch(mid2);
        Watch(leaf);

        var boom = new InvalidOperationException("deep");
        leaf.Tell(new Fail(boom));

        Assert.Same(boom, seen.ExpectMsg<InvalidOperationException>());
        // The top restarted mid1, whose default PreRestart stopped mid2 (after its child, the leaf) and
        // called mid1's own PostStop.
        _life.ExpectMsg("mid1:prerestart");
        var stops = _life.ReceiveN(3).Cast<string>().ToList();
        Assert.Equal(["leaf:poststop", "mid1:poststop", "mid2:poststop"], stops.Order(StringComparer.Ordinal));
        Assert.True(stops.IndexOf("leaf:poststop") < stops.IndexOf("mid2:poststop"), string.Join(", ", stops));
        _life.ExpectMsg("mid1:ctor");
        _life.ExpectMsg("mid1:postrestart");
        _life.ExpectMsg("mid1:prestart");
        Assert.Equal(new HashSet<IActorRef> { leaf, mid2 }, ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet());
    }

    [Fact]
    public void Resume_at_the_top_of_an_escalation_resumes_the_whole_chain_with_state()
    {
        IActorRef top = Supervise(new OneForOneStrategy(_ => Directive.Resume), "top");
        top.Tell(new CreateChild(Supervisor.Props(new OneForOneStrategy(_ => Directive.Escalate), _life.Ref, "mid"), "mid"));
        IActorRef mid = ExpectMsg<IActorRef>();
        _life.ExpectMsgAllOf("mid:ctor", "mid:prestart");
        IActorRef leaf = Worker(mid, "leaf");
        using var gate = new ManualResetEventSlim();
        leaf.Tell("inc");
        leaf.Tell(new FailAfterGate(gate, new InvalidOperationException("x")));
        leaf.Tell("inc");

        gate.Set();

        Assert.Equal(2, Count(leaf));
        _life.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void OneForOne_restarts_only_the_failed_child()
    {
        IActorRef sup = Supervise(new OneForOneStrategy(_ => Directive.Restart));
        IActorRef a = Worker(sup, "a");
        IActorRef b = Worker(sup, "b");
        IActorRef c = Worker(sup, "c");
        foreach (IActorRef w in new[] { a, b, c })
            w.Tell("inc");

        b.Tell(new Fail(new InvalidOperationException()));

        _life.ExpectMsg("b:prerestart:Fail");
        _life.ExpectMsg("b:poststop");
        _life.ExpectMsg("b:ctor");
        _life.ExpectMsg("b:postrestart");
        _life.ExpectMsg("b:prestart");
        Assert.Equal([1, 0, 1], new[] { Count(a), Count(b), Count(c) });
        _life.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void AllForOne_restarts_every_child_when_one_fails()
    {
        IActorRef sup = Supervise(new AllForOneStrategy(_ => Directive.Restart));
        IActorRef a = Worker(sup, "a");
        IActorRef b = Worker(sup, "b");
        IActorRef c = Worker(sup, "c");
        foreach (IActorRef w in new[] { a, b, c })
            w.Tell("inc");
        // Each sibling has processed its message before the failure (a queued one would survive the restart).
        Assert.Equal([1, 1, 1], new[] { Count(a), Count(b), Count(c) });

        b.Tell(new Fail(new InvalidOperationException()));

        var events = _life.ReceiveN(15).Cast<string>().ToList();
        foreach (string name in new[] { "a", "b", "c" })
        {
            var own = events.Where(e => e.StartsWith(name + ":", StringComparison.Ordinal)).ToList();
            string failing = name == "b" ? "Fail" : "none";
            Assert.Equal([$"{name}:prerestart:{failing}", $"{name}:poststop", $"{name}:ctor", $"{name}:postrestart", $"{name}:prestart"], own);
        }

        Assert.Equal([0, 0, 0], new[] { Count(a), Count(b), Count(c) });
    }

    [Fact]
    public void AllForOne_stop_stops_every_child()
    {
        IActorRef sup = Supervise(new AllForOneStrategy(_ => Directive.Stop));
        IActorRef a = Worker(sup, "a");
        IActorRef b = Worker(sup, "b");
        Watch(a);
        Watch(b);

        b.Tell(new Fail(new InvalidOperationException()));

        Assert.Equal(new HashSet<IActorRef> { a, b }, ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet());
        _life.ExpectMsgAllOf("a:poststop", "b:poststop");
    }

    [Fact]
    public void AllForOne_resume_resumes_only_the_failed_child_and_leaves_siblings_alone()
    {
        IActorRef sup = Supervise(new AllForOneStrategy(_ => Directive.Resume));
        IActorRef a = Worker(sup, "a");
        IActorRef b = Worker(sup, "b");
        a.Tell("inc");
        b.Tell("inc");
        b.Tell(new Fail(new InvalidOperationException()));
        b.Tell("inc");

        Assert.Equal([1, 2], new[] { Count(a), Count(b) });
        _life.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Default_PreRestart_stops_children_before_the_new_instance_starts()
    {
        IActorRef sup = Supervise(SupervisorStrategy.DefaultStrategy);
        IActorRef parent = Worker(sup, "parent");
        parent.Tell(new CreateChild(LifecycleWorker.Props(_life.Ref, "child"), "child"));
        ExpectMsg<IActorRef>();
        _life.ExpectMsg("child:ctor");
        _life.ExpectMsg("child:prestart");

        parent.Tell(new Fail(new InvalidOperationException()));

        _life.ExpectMsg("parent:prerestart:Fail");
        // PreRestart stops the child (asynchronously) and then runs PostStop, so these two may come in either
        // order; the new instance is built only after both.
        _life.ExpectMsgAllOf("parent:poststop", "child:poststop");
        _life.ExpectMsg("parent:ctor");
        _life.ExpectMsg("parent:postrestart");
        _life.ExpectMsg("parent:prestart");
    }

    [Fact]
    public void Children_kept_by_a_custom_PreRestart_are_restarted_with_the_parent()
    {
        IActorRef top = Supervise(SupervisorStrategy.DefaultStrategy, "top");
        top.Tell(new CreateChild(Supervisor.Props(SupervisorStrategy.DefaultStrategy, _life.Ref, "keeper", keepChildrenOnRestart: true), "keeper"));
        IActorRef keeper = ExpectMsg<IActorRef>();
        _life.ExpectMsgAllOf("keeper:ctor", "keeper:prestart");
        IActorRef child = Worker(keeper, "child");
        child.Tell("inc");
        Assert.Equal(1, Count(child));

        keeper.Tell(new Fail(new InvalidOperationException()));

        _life.ExpectMsg("keeper:prerestart");
        _life.ExpectMsg("keeper:poststop");
        _life.ExpectMsg("keeper:ctor");
        _life.ExpectMsg("keeper:postrestart");
        _life.ExpectMsg("keeper:prestart");
        _life.ExpectMsg("child:prerestart:none");
        _life.ExpectMsg("child:poststop");
        _life.ExpectMsg("child:ctor");
        _life.ExpectMsg("child:postrestart");
        _life.ExpectMsg("child:prestart");
        Assert.Equal(0, Count(child));
    }

    private sealed class ThrowsInConstructor : ActorBase
    {
        public ThrowsInConstructor() => throw new InvalidOperationException("cannot build");

        protected override bool Receive(object message) => true;
    }

    private sealed class ThrowsInPostRestart : ReceiveActor
    {
        public ThrowsInPostRestart() => Receive<Fail>(f => throw f.Cause);

        protected override void PostRestart(Exception reason) => throw new InvalidOperationException("cannot restart");
    }

    [Fact]
    public void A_failing_constructor_is_an_ActorInitializationException_and_the_default_strategy_stops_the_actor()
    {
        IActorRef actor = null!;
        var events = EventFilter.Exception<ActorInitializationException>().Expect(1, () => actor = ActorOf(Props.Create<ThrowsInConstructor>()));
        var log = Assert.IsType<RingKernel.Actors.Events.LogEvent>(events[0]);
        Assert.Equal("cannot build", log.Cause!.InnerException!.Message);
        Watch(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_failing_PostRestart_stops_the_actor_under_the_default_strategy()
    {
        IActorRef actor = ActorOf(Props.Create<ThrowsInPostRestart>());
        Watch(actor);
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() => actor.Tell(new Fail(new InvalidOperationException("first"))));
        ExpectTerminated(actor);
    }

    [Fact]
    public void The_decider_sees_the_failed_child_as_Sender()
    {
        var seen = CreateTestProbe();
        IActorRef sup = ActorOf(Props.Create(() => new SenderReportingSupervisor(seen.Ref)));
        sup.Tell(new CreateChild(LifecycleWorker.Props(_life.Ref, "w"), "w"));
        IActorRef worker = ExpectMsg<IActorRef>();
        worker.Tell(new Fail(new InvalidOperationException()));
        Assert.Equal(worker, seen.ExpectMsg<IActorRef>());
    }

    private sealed class SenderReportingSupervisor : ReceiveActor
    {
        private readonly IActorRef _seen;

        public SenderReportingSupervisor(IActorRef seen)
        {
            _seen = seen;
            Receive<CreateChild>(c => Sender.Tell(Context.ActorOf(c.Props, c.Name), Self));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ =>
        {
            _seen.Tell(Sender, ActorRefs.NoSender);
            return Directive.Resume;
        });
    }
}
