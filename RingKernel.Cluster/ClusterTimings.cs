namespace RingKernel.Cluster;

/// <summary>
/// How fast a cluster notices a lost node and moves shards: the failure detector's heartbeat and
/// pause, how long the split-brain resolver waits before it downs an unreachable node, and how often
/// the shard coordinator rebalances (a node that joins gets shards then).
/// </summary>
public sealed record ClusterTimings(TimeSpan HeartbeatInterval, TimeSpan AcceptableHeartbeatPause, TimeSpan DownUnreachableAfter, TimeSpan RebalanceInterval)
{
    /// <summary>For nodes on several machines: a node is taken for lost after about 10 s of silence.</summary>
    public static ClusterTimings Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(10));

    /// <summary>For nodes on one machine (loopback): a node is taken for lost after about 5 s of silence (nodes that share a busy machine's cores miss heartbeats for a second or two).</summary>
    public static ClusterTimings Loopback { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
}
