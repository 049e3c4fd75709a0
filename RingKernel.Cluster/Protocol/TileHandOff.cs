namespace RingKernel.Cluster.Protocol;

/// <summary>What the shard region sends a tile entity whose shard moves to another node: the entity stops, failing a command in progress.</summary>
internal sealed record TileHandOff
{
    public static TileHandOff Instance { get; } = new();
}
