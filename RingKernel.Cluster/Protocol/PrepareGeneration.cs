using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>
/// To a node: set up generation <see cref="Generation"/> of run <see cref="Run"/> (its K2K fabric for
/// the tiles it hosts, ghosts for their neighbours elsewhere, the halo bridges); <see cref="Placement"/>
/// gives each tile's node address. The node answers <see cref="GenerationPrepared"/>.
/// </summary>
[MessagePackObject]
internal sealed record PrepareGeneration(
    [property: Key(0)] string Run, [property: Key(1)] int Generation, [property: Key(2)] ClusterSimulation Simulation, [property: Key(3)] string[] Placement) : IClusterStencilMessage;
