using Akka.Actor;
using Akka.Cluster;

namespace RingKernel.Cluster;

/// <summary>
/// Tells a run when the cluster loses a member (unreachable, leaving or removed): its
/// <see cref="Lost"/> token is cancelled, which ends the command in progress. A member that joins
/// does not interrupt a run; the shard coordinator gives it shards by rebalancing.
/// </summary>
internal sealed class MembershipWatch : IDisposable
{
    private readonly IActorRef _watcher;
    private CancellationTokenSource _lost = new();
    private string _reason = "";

    public MembershipWatch(ActorSystem system)
    {
        _watcher = system.ActorOf(Props.Create(() => new Watcher(this)));
    }

    /// <summary>Cancelled once a member is lost after the last <see cref="Reset"/>.</summary>
    public CancellationToken Lost => Volatile.Read(ref _lost).Token;

    /// <summary>Which member was lost, and how.</summary>
    public string Reason => Volatile.Read(ref _reason);

    /// <summary>Watches again from now.</summary>
    public void Reset()
    {
        CancellationTokenSource old = Interlocked.Exchange(ref _lost, new CancellationTokenSource());
        old.Dispose();
    }

    public void Dispose()
    {
        _watcher.Tell(PoisonPill.Instance);
        _lost.Dispose();
    }

    private void Report(string reason)
    {
        Volatile.Write(ref _reason, reason);
        try
        {
            Volatile.Read(ref _lost).Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Reset replaced it; the new one watches from now.
        }
    }

    private sealed class Watcher : ReceiveActor
    {
        // A lost member is reported once, by whichever of its events comes first (unreachable, then
        // removed, come one after the other, maybe on either side of a recovery's reset).
        private readonly HashSet<Address> _reported = [];

        public Watcher(MembershipWatch watch)
        {
            Receive<ClusterEvent.UnreachableMember>(e => Lost(watch, e.Member, "became unreachable"));
            Receive<ClusterEvent.MemberLeft>(e => Lost(watch, e.Member, "left"));
            Receive<ClusterEvent.MemberExited>(e => Lost(watch, e.Member, "left"));
            Receive<ClusterEvent.MemberRemoved>(e => Lost(watch, e.Member, "was removed"));
            ReceiveAny(_ => { });
        }

        private void Lost(MembershipWatch watch, Member member, string how)
        {
            if (_reported.Add(member.Address))
                watch.Report($"node {member.Address} {how}");
        }

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.UnreachableMember));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
