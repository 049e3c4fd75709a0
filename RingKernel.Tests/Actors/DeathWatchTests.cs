using RingKernel.Actors;
using RingKernel.Tests.Actors.Support;
using Xunit;

namespace RingKernel.Tests.Actors;

public sealed class DeathWatchTests : RingKernel.TestKit.TestKit
{
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef target, IActorRef report, bool handleTerminated)
        {
            Context.Watch(target);
            // The watch request is queued at the target before this confirmation can be seen.
            report.Tell("watching", Self);
            Receive<string>(s => s == "unwatch", _ =>
            {
                Context.Unwatch(target);
                Sender.Tell("unwatched", Self);
            });
            if (handleTerminated)
                Receive<Terminated>(t => report.Tell(new Died(t.ActorRef, t.ExistenceConfirmed), Self));
        }
    }

    /// <summary>What a watcher reports; a <see cref="Terminated"/> itself is only delivered to actors that watch.</summary>
    private sealed record Died(IActorRef Actor, bool ExistenceConfirmed);

    private sealed class Idle : ActorBase
    {
        protected override bool Receive(object message) => message is string;
    }

    [Fact]
    public void A_watcher_gets_Terminated_when_the_watched_actor_stops()
    {
        IActorRef target = ActorOf(Props.Create<Idle>());
        IActorRef watcher = ActorOf(Props.Create(() => new Watcher(target, TestActor, true)));
        ExpectMsg("watching");
        Sys.Stop(target);
        var terminated = ExpectMsg<Died>();
        Assert.Equal(target, terminated.Actor);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.Equal(watcher, LastSender);
    }

    [Fact]
    public void Watching_an_actor_that_already_stopped_delivers_Terminated_at_once()
    {
        IActorRef target = ActorOf(Props.Create<Idle>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        ActorOf(Props.Create(() => new Watcher(target, TestActor, true)));

        ExpectMsg("watching");
        var terminated = ExpectMsg<Died>();
        Assert.Equal(target, terminated.Actor);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void Unwatch_prevents_Terminated()
    {
        IActorRef target = ActorOf(Props.Create<Idle>());
        IActorRef watcher = ActorOf(Props.Create(() => new Watcher(target, TestActor, true)));
        ExpectMsg("watching");
        watcher.Tell("unwatch");
        ExpectMsg("unwatched");
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void An_unhandled_Terminated_is_a_DeathPactException_that_stops_the_watcher()
    {
        IActorRef target = ActorOf(Props.Create<Idle>());
        IActorRef watcher = ActorOf(Props.Create(() => new Watcher(target, TestActor, false)));
        ExpectMsg("watching");
        Watch(watcher);

        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(target));

        ExpectTerminated(watcher);
    }

    [Fact]
    public void Several_watchers_all_hear_of_one_death()
    {
        IActorRef target = ActorOf(Props.Create<Idle>());
        var probes = Enumerable.Range(0, 5).Select(_ => CreateTestProbe()).ToList();
        foreach (var probe in probes)
            probe.Watch(target);
        Sys.Stop(target);
        foreach (var probe in probes)
            probe.ExpectTerminated(target);
    }

    [Fact]
    public void A_parent_watching_its_child_gets_Terminated_once()
    {
        var life = CreateTestProbe();
        IActorRef parent = ActorOf(Props.Create(() => new WatchingParent(TestActor, life.Ref)));
        IActorRef child = ExpectMsg<IActorRef>();
        child.Tell(PoisonPill.Instance);
        Assert.Equal(new Died(child, true), ExpectMsg<Died>());
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        parent.Tell("children");
        ExpectMsg(0);
    }

    private sealed class WatchingParent : ReceiveActor
    {
        public WatchingParent(IActorRef report, IActorRef life)
        {
            IActorRef child = Context.Watch(Context.ActorOf(LifecycleWorker.Props(life, "kid"), "kid"));
            report.Tell(child, Self);
            Receive<Terminated>(t => report.Tell(new Died(t.ActorRef, t.ExistenceConfirmed), Self));
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.Children.Count, Self));
        }
    }
}
