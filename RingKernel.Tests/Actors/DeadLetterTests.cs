using RingKernel.Actors;
using RingKernel.Actors.Events;
using Xunit;

namespace RingKernel.Tests.Actors;

public sealed class DeadLetterTests : RingKernel.TestKit.TestKit
{
    private sealed class Gated : ReceiveActor
    {
        public Gated(ManualResetEventSlim gate)
        {
            Receive<string>(s => s == "block", _ => gate.Wait());
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            Receive<string>(_ => { });
        }
    }

    private sealed class Replier : ReceiveActor
    {
        public Replier() => Receive<string>(s => Sender.Tell("re:" + s, Self));
    }

    [Fact]
    public void A_message_to_a_stopped_actor_is_a_dead_letter_naming_sender_and_recipient()
    {
        IActorRef actor = ActorOf(Props.Create(() => new Gated(new ManualResetEventSlim(true))));
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        var events = EventFilter.DeadLetter<string>().Expect(1, () => actor.Tell("hello?"));

        var letter = Assert.IsType<DeadLetter>(events[0]);
        Assert.Equal("hello?", letter.Message);
        Assert.Equal(TestActor, letter.Sender);
        Assert.Equal(actor, letter.Recipient);
    }

    [Fact]
    public void Messages_queued_when_an_actor_stops_itself_become_dead_letters_in_order()
    {
        using var gate = new ManualResetEventSlim();
        IActorRef actor = ActorOf(Props.Create(() => new Gated(gate)));
        actor.Tell("block");
        actor.Tell("stop");
        for (int i = 0; i < 100; i++)
            actor.Tell("queued-" + i);

        var events = EventFilter.DeadLetter<string>().Expect(100, gate.Set);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => "queued-" + i), events.Cast<DeadLetter>().Select(d => (string)d.Message));
    }

    [Fact]
    public void Telling_the_dead_letters_handle_publishes_a_dead_letter()
    {
        EventFilter.DeadLetter<int>(i => i == 5).ExpectOne(() => Sys.DeadLetters.Tell(5));
    }

    [Fact]
    public void A_reply_to_a_message_without_sender_is_a_dead_letter()
    {
        IActorRef replier = ActorOf(Props.Create<Replier>());
        var events = EventFilter.DeadLetter<string>().Expect(1, () => replier.Tell("x", ActorRefs.NoSender));
        Assert.Equal("re:x", ((DeadLetter)events[0]).Message);
        Assert.Equal(Sys.DeadLetters, ((DeadLetter)events[0]).Recipient);
    }

    [Fact]
    public void Messages_told_concurrently_with_a_stop_are_either_processed_or_dead_lettered_never_lost()
    {
        var counts = new int[2];
        using var sub = Sys.EventStream.Subscribe<DeadLetter>(d =>
        {
            if (d.Message is int)
                Interlocked.Increment(ref counts[0]);
        });
        var processed = 0;
        IActorRef actor = ActorOf(Props.Create(() => new Counting(() => Interlocked.Increment(ref processed))));
        const int total = 20_000;
        var sender = new Thread(() =>
        {
            for (int i = 0; i < total; i++)
                actor.Tell(i, ActorRefs.NoSender);
        });
        sender.Start();
        Sys.Stop(actor);
        sender.Join();
        Watch(actor);
        ExpectTerminated(actor);
        AwaitAssert(() => Assert.Equal(total, Volatile.Read(ref processed) + Volatile.Read(ref counts[0])));
    }

    private sealed class Counting : ReceiveActor
    {
        public Counting(Action onMessage) => Receive<int>(_ => onMessage());
    }
}
