using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>A tile entity's answer to <see cref="LocateTile"/>: the address of the node it lives on.</summary>
[MessagePackObject]
internal sealed record TileLocated([property: Key(0)] int Tile, [property: Key(1)] string Address) : IClusterStencilMessage;
