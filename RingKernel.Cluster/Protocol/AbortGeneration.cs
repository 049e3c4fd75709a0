using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>To a node: stop the tile kernels of run <see cref="Run"/> up to generation <see cref="Generation"/> and free their fabric; answered by <see cref="GenerationAborted"/>.</summary>
[MessagePackObject]
internal sealed record AbortGeneration([property: Key(0)] string Run, [property: Key(1)] int Generation) : IClusterStencilMessage;
