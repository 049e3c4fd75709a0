using System.Collections.Concurrent;
using RingKernel.Actors;
using Xunit;

namespace RingKernel.Tests.Actors;

public sealed class ShutdownTests
{
    private sealed class Node : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _stopped;
        private readonly string _name;

        public Node(string name, int depth, ConcurrentQueue<string> stopped, CountdownEvent started)
        {
            _name = name;
            _stopped = stopped;
            for (int i = 0; depth > 0 && i < 2; i++)
            {
                string childName = $"{name}.{i}";
                Context.ActorOf(Props.Create(() => new Node(childName, depth - 1, stopped, started)), "n" + i);
            }
            ReceiveAny(_ => { });
            started.Signal();
        }

        protected override void PostStop() => _stopped.Enqueue(_name);
    }

    private static void AssertChildrenStoppedFirst(IReadOnlyList<string> order)
    {
        foreach (string node in order)
        {
            int at = order.ToList().IndexOf(node);
            foreach (string descendant in order.Where(n => n.StartsWith(node + ".", StringComparison.Ordinal)))
                Assert.True(order.ToList().IndexOf(descendant) < at, $"{descendant} stopped after its ancestor {node}: {string.Join(", ", order)}");
        }
    }

    [Fact]
    public async Task Terminate_stops_children_before_parents_runs_every_PostStop_and_completes()
    {
        var stopped = new ConcurrentQueue<string>();
        ActorSystem system = ActorSystem.Create("shutdown");
        using var started = new CountdownEvent(2 * 15);
        system.ActorOf(Props.Create(() => new Node("a", 3, stopped, started)), "a");
        system.ActorOf(Props.Create(() => new Node("b", 3, stopped, started)), "b");
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        var order = stopped.ToList();
        Assert.Equal(30, order.Count);
        Assert.Equal(30, order.Distinct().Count());
        AssertChildrenStoppedFirst(order);
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create(() => new Node("late", 0, stopped, new CountdownEvent(1)))));
        Assert.Same(system.WhenTerminated, system.Terminate());
    }

    [Fact]
    public async Task Stopping_one_actor_stops_its_subtree_bottom_up_and_leaves_the_rest()
    {
        var stopped = new ConcurrentQueue<string>();
        await using ActorSystem system = ActorSystem.Create("subtree");
        using var started = new CountdownEvent(2 * 7);
        IActorRef a = system.ActorOf(Props.Create(() => new Node("a", 2, stopped, started)), "a");
        system.ActorOf(Props.Create(() => new Node("b", 2, stopped, started)), "b");
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
        system.Stop(a);
        Assert.True(SpinWait.SpinUntil(() => stopped.Count == 7, TimeSpan.FromSeconds(10)));

        var order = stopped.ToList();
        Assert.Equal(7, order.Count);
        Assert.All(order, n => Assert.StartsWith("a", n, StringComparison.Ordinal));
        AssertChildrenStoppedFirst(order);
        Assert.Equal("a", order[^1]);
    }

    [Fact]
    public async Task DisposeAsync_terminates_the_system()
    {
        ActorSystem system = ActorSystem.Create("dispose");
        await system.DisposeAsync();
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
    }
}
