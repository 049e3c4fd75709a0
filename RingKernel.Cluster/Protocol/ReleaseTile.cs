using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>To a tile entity at the end of a run: stop (its kernel stops with it).</summary>
[MessagePackObject]
internal sealed record ReleaseTile([property: Key(0)] int Generation) : IClusterStencilMessage;
