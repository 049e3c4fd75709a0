using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>A tile entity's answer to <see cref="ConnectTile"/>: its kernel runs, restored to the step asked.</summary>
[MessagePackObject]
internal sealed record TileConnected([property: Key(0)] int Tile, [property: Key(1)] string Address) : IClusterStencilMessage;
