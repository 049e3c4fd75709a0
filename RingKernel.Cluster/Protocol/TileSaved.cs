using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>A tile entity's answer to a persisting <see cref="CaptureTile"/>: its checkpoint of step <see cref="Step"/> is stored.</summary>
[MessagePackObject]
internal sealed record TileSaved([property: Key(0)] int Tile, [property: Key(1)] long Step) : IClusterStencilMessage;
