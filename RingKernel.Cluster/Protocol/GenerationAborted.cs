using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>A node's answer to <see cref="AbortGeneration"/>: its tile kernels have ended and their fabric is freed.</summary>
[MessagePackObject]
internal sealed record GenerationAborted([property: Key(0)] string Address) : IClusterStencilMessage;
