using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace RingKernel.Cluster;

/// <summary>
/// Places each run's shards evenly over the tile regions, counting only that run's shards (a node
/// that held the shards of runs that have ended is not taken for busy), and rebalances a run whose
/// busiest region holds two or more of its shards more than its least busy one: so a node that
/// joins takes shards of the runs in progress.
/// </summary>
internal sealed class RunBalancedAllocation : IShardAllocationStrategy
{
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        string run = RunOf(shardId);
        IActorRef region = currentShardAllocations
            .OrderBy(entry => entry.Value.Count(shard => RunOf(shard) == run))
            .ThenBy(entry => entry.Key.Path.Address.ToString(), StringComparer.Ordinal)
            .Select(entry => entry.Key)
            .FirstOrDefault() ?? requester;
        return Task.FromResult(region);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
    {
        if (rebalanceInProgress.Count > 0 || currentShardAllocations.Count < 2)
            return Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);
        IEnumerable<string> runs = currentShardAllocations.Values.SelectMany(shards => shards).Select(RunOf).Distinct();
        ImmutableHashSet<string>.Builder moving = ImmutableHashSet.CreateBuilder<string>();
        foreach (string run in runs)
        {
            var counts = currentShardAllocations.Select(entry => (Shards: entry.Value.Where(shard => RunOf(shard) == run).ToList(), entry.Key)).OrderBy(entry => entry.Shards.Count).ToList();
            if (counts[^1].Shards.Count - counts[0].Shards.Count >= 2)
                moving.Add(counts[^1].Shards[^1]);
        }

        return Task.FromResult<IImmutableSet<string>>(moving.ToImmutable());
    }

    private static string RunOf(string shardId)
    {
        int slash = shardId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? shardId : shardId[..slash];
    }
}
