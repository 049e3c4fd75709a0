using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>
/// To a tile entity: restore your checkpoint of step <see cref="Step"/> and start your kernel on your
/// node's fabric of generation <see cref="Generation"/>. Answered by <see cref="TileConnected"/> or <see cref="TileFailed"/>.
/// </summary>
[MessagePackObject]
internal sealed record ConnectTile([property: Key(0)] ClusterSimulation Simulation, [property: Key(1)] int Generation, [property: Key(2)] long Step) : IClusterStencilMessage;
