using RingKernel.Actors;
using Xunit;

namespace RingKernel.Tests.Actors;

/// <summary>Many actors, many threads: every message delivered once, in per-sender order.</summary>
public sealed class ConcurrencyTests : RingKernel.TestKit.TestKit
{
    private sealed record Numbered(int Producer, int Sequence);

    private sealed record Report(int Actor, int Received, int OutOfOrder);

    /// <summary>Checks that each producer's messages arrive in sequence; reports once it has them all.</summary>
    private sealed class OrderChecker : ReceiveActor
    {
        private readonly int[] _next;
        private int _received;
        private int _outOfOrder;

        public OrderChecker(int id, int producers, int expected, IActorRef report)
        {
            _next = new int[producers];
            Receive<Numbered>(m =>
            {
                if (m.Sequence != _next[m.Producer])
                    _outOfOrder++;
                _next[m.Producer] = m.Sequence + 1;
                if (++_received == expected)
                    report.Tell(new Report(id, _received, _outOfOrder), Self);
            });
            Receive<string>(s => s == "count", _ => Sender.Tell(new Report(id, _received, _outOfOrder), Self));
        }
    }

    [Fact]
    public void A_thousand_actors_get_a_thousand_messages_each_from_four_threads_none_lost_order_kept()
    {
        const int actors = 1000;
        const int producers = 4;
        const int perProducer = 250;
        IActorRef[] checkers = Enumerable.Range(0, actors)
            .Select(id => ActorOf(Props.Create(() => new OrderChecker(id, producers, producers * perProducer, TestActor))))
            .ToArray();
        Numbered[][] messages = Enumerable.Range(0, producers)
            .Select(p => Enumerable.Range(0, perProducer).Select(s => new Numbered(p, s)).ToArray())
            .ToArray();

        using var go = new Barrier(producers);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            go.SignalAndWait();
            // Interleave the actors so that every mailbox sees all producers at once.
            foreach (Numbered message in messages[p])
            {
                foreach (IActorRef checker in checkers)
                    checker.Tell(message, ActorRefs.NoSender);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var reports = ReceiveN(actors, TimeSpan.FromSeconds(30)).Cast<Report>().ToList();
        Assert.Equal(Enumerable.Range(0, actors), reports.Select(r => r.Actor).Order());
        Assert.All(reports, r => Assert.Equal((producers * perProducer, 0), (r.Received, r.OutOfOrder)));
        // Nothing extra arrived after the last expected message.
        checkers[0].Tell("count");
        Assert.Equal(producers * perProducer, ExpectMsg<Report>().Received);
    }

    private sealed class Pong : ReceiveActor
    {
        public Pong() => Receive<int>(i => Sender.Tell(i, Self));
    }

    private sealed class Ping : ReceiveActor
    {
        public Ping(IActorRef pong, int rounds, IActorRef report)
        {
            Receive<int>(i =>
            {
                if (i == rounds)
                    report.Tell("done", Self);
                else
                    pong.Tell(i + 1, Self);
            });
        }
    }

    [Fact]
    public void Actor_pairs_exchange_messages_concurrently_to_completion()
    {
        const int pairs = 8;
        const int rounds = 20_000;
        for (int p = 0; p < pairs; p++)
        {
            IActorRef pong = ActorOf(Props.Create<Pong>());
            IActorRef ping = ActorOf(Props.Create(() => new Ping(pong, rounds, TestActor)));
            pong.Tell(0, ping);
        }

        Assert.Equal(Enumerable.Repeat("done", pairs), ReceiveN(pairs, TimeSpan.FromSeconds(30)).Cast<string>());
    }
}
