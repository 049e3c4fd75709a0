using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>To a node: answer with its <see cref="ClusterNodeReport"/> for run <see cref="Run"/>.</summary>
[MessagePackObject]
internal sealed record GetNodeReport([property: Key(0)] string Run) : IClusterStencilMessage;
