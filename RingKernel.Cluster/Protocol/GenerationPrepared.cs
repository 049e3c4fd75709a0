using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>A node's answer to <see cref="PrepareGeneration"/>.</summary>
[MessagePackObject]
internal sealed record GenerationPrepared([property: Key(0)] string Address, [property: Key(1)] int Generation) : IClusterStencilMessage;
