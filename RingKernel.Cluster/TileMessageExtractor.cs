using Akka.Cluster.Sharding;

namespace RingKernel.Cluster;

/// <summary>
/// Names the shard of a tile entity: runs send <see cref="ShardingEnvelope"/>s, which the shard region
/// unwraps itself and asks the shard of by entity id; the shard is named in it (<see cref="TileEntityIds"/>).
/// </summary>
internal sealed class TileMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => null;

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => null;

    public string ShardId(string entityId, object? messageHint = null) => TileEntityIds.ShardId(entityId);
}
