using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>A tile entity's answer to a sending <see cref="CaptureTile"/>: its state.</summary>
[MessagePackObject]
internal sealed record TileCaptured([property: Key(0)] TileCheckpoint State) : IClusterStencilMessage;
