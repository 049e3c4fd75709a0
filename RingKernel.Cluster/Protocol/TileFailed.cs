using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>A tile entity could not do what it was asked (its kernel faulted or was stopped, it is not connected in that generation...), in one line.</summary>
[MessagePackObject]
internal sealed record TileFailed([property: Key(0)] int Tile, [property: Key(1)] string Reason) : IClusterStencilMessage;
