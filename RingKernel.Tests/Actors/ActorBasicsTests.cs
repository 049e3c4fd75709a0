using RingKernel.Actors;
using RingKernel.Actors.Events;
using Xunit;

namespace RingKernel.Tests.Actors;

public sealed class ActorBasicsTests : RingKernel.TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(s => Sender.Tell("echo:" + s, Self));
            Receive<int>(i => Sender.Tell(i * 2, Self));
        }
    }

    private sealed class FirstMatchWins : ReceiveActor
    {
        public FirstMatchWins()
        {
            Receive<int>(i => Sender.Tell("small", Self), i => i < 10);
            Receive<int>(i => Sender.Tell("int", Self));
            Receive<object>(o => Sender.Tell("object", Self));
        }
    }

    private sealed class OnlyStrings : ReceiveActor
    {
        public OnlyStrings() => Receive<string>(s => Sender.Tell(s, Self));
    }

    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<string>(s => s == "angry", _ => Become(Angry));
            Receive<string>(s => s == "push", _ => BecomeStacked(Angry));
            Receive<string>(s => Sender.Tell("calm:" + s, Self));
        }

        private void Angry()
        {
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("angry:" + s, Self));
        }
    }

    private sealed class StartRecorder : ReceiveActor
    {
        private readonly List<string> _seen = [];

        public StartRecorder()
        {
            _seen.Add("ctor");
            Receive<string>(s =>
            {
                _seen.Add(s);
                if (s == "report")
                    Sender.Tell(string.Join(",", _seen), Self);
            });
        }

        protected override void PreStart() => _seen.Add("prestart");
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<string>(s => s == "make", _ => Sender.Tell(Context.ActorOf(Props.Create<Echo>(), "kid"), Self));
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.Children.Count, Self));
            Receive<string>(s => s == "lookup", _ => Sender.Tell(Context.Child("kid") ?? ActorRefs.Nobody, Self));
        }
    }

    [Fact]
    public void Tell_reaches_typed_handler_and_reply_reaches_implicit_sender()
    {
        IActorRef echo = ActorOf(Props.Create<Echo>());
        echo.Tell("hi");
        echo.Tell(21);
        Assert.Equal("echo:hi", ExpectMsg<string>());
        Assert.Equal(42, ExpectMsg<int>());
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void First_matching_handler_in_registration_order_wins()
    {
        IActorRef actor = ActorOf(Props.Create<FirstMatchWins>());
        actor.Tell(3);
        actor.Tell(30);
        actor.Tell(3.5);
        ExpectMsg("small");
        ExpectMsg("int");
        ExpectMsg("object");
    }

    [Fact]
    public void Unhandled_message_is_published_on_the_event_stream()
    {
        IActorRef actor = ActorOf(Props.Create<OnlyStrings>());
        IReadOnlyList<object> events = EventFilter.Unhandled<int>().Expect(1, () => actor.Tell(7));
        var unhandled = Assert.IsType<UnhandledMessage>(events[0]);
        Assert.Equal(7, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);
        actor.Tell("still alive");
        ExpectMsg("still alive");
    }

    [Fact]
    public void Become_replaces_and_BecomeStacked_pushes_behaviour()
    {
        IActorRef actor = ActorOf(Props.Create<Switcher>());
        actor.Tell("a");
        actor.Tell("push");
        actor.Tell("b");
        actor.Tell("pop");
        actor.Tell("c");
        actor.Tell("angry");
        actor.Tell("d");
        actor.Tell("pop");
        actor.Tell("e");
        ExpectMsg("calm:a");
        ExpectMsg("angry:b");
        ExpectMsg("calm:c");
        ExpectMsg("angry:d");
        // Become replaced the initial behaviour's slot above the bottom: pop returns to the initial one.
        ExpectMsg("calm:e");
    }

    [Fact]
    public void Messages_told_before_the_actor_started_are_processed_after_PreStart()
    {
        IActorRef actor = ActorOf(Props.Create<StartRecorder>());
        actor.Tell("one");
        actor.Tell("two");
        actor.Tell("report");
        ExpectMsg("ctor,prestart,one,two,report");
    }

    [Fact]
    public void Actor_instances_cannot_be_created_with_new()
    {
        Assert.Throws<ActorInitializationException>(() => new Echo());
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        IActorRef echo = ActorOf(Props.Create<Echo>());
        IActorRef forwarder = ActorOf(Props.Create(() => new Forwarder(echo)));
        forwarder.Tell("x");
        ExpectMsg("echo:x");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Children_are_named_found_and_unique()
    {
        IActorRef parent = ActorOf(Props.Create<Parent>(), "parent");
        parent.Tell("make");
        var kid = ExpectMsg<IActorRef>();
        Assert.Equal("rk://" + Sys.Name + "/user/parent/kid", kid.Path.ToString());
        parent.Tell("children");
        ExpectMsg(1);
        parent.Tell("lookup");
        Assert.Equal(kid, ExpectMsg<IActorRef>());
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Echo>(), "parent"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Echo>(), "bad/name"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Echo>(), "$reserved"));
        IActorRef generated = ActorOf(Props.Create<Echo>());
        Assert.StartsWith("$", generated.Path.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void PoisonPill_stops_after_earlier_messages_and_later_ones_become_dead_letters()
    {
        IActorRef echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        EventFilter.DeadLetter<string>(s => s == "after").ExpectOne(() =>
        {
            echo.Tell("before");
            echo.Tell(PoisonPill.Instance);
            echo.Tell("after");
        });
        ExpectMsg("echo:before");
        ExpectTerminated(echo);
    }

    [Fact]
    public void Kill_fails_the_actor_and_the_default_strategy_stops_it()
    {
        IActorRef echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => echo.Tell(Kill.Instance));
        ExpectTerminated(echo);
    }

    private sealed class LateRegistration : ReceiveActor
    {
        public LateRegistration() => Receive<string>(_ => Receive<int>(i => Sender.Tell(i, Self)));
    }

    [Fact]
    public void Handlers_cannot_be_registered_after_construction()
    {
        IActorRef actor = ActorOf(Props.Create<LateRegistration>());
        var events = EventFilter.Exception<InvalidOperationException>().Expect(1, () => actor.Tell("register now"));
        Assert.Contains("constructor", ((LogEvent)events[0]).Cause!.Message, StringComparison.Ordinal);
        actor.Tell(5);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Props_from_type_and_arguments_builds_the_actor()
    {
        IActorRef forwarder = ActorOf(Props.Create(typeof(Forwarder), TestActor));
        forwarder.Tell("via type");
        ExpectMsg("via type");
        Assert.Throws<ArgumentException>(() => Props.Create(typeof(string)));
    }
}
