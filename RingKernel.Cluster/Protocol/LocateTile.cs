using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>To a tile entity (through the shard region, which starts it where its shard lives): answer where you are, for generation <see cref="Generation"/>'s plan.</summary>
[MessagePackObject]
internal sealed record LocateTile([property: Key(0)] int Generation) : IClusterStencilMessage;
