using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>To a tile entity: run until step <see cref="UntilStep"/> in generation <see cref="Generation"/>; answered by <see cref="TileRan"/> or <see cref="TileFailed"/>.</summary>
[MessagePackObject]
internal sealed record RunTile([property: Key(0)] int Generation, [property: Key(1)] long UntilStep) : IClusterStencilMessage;
