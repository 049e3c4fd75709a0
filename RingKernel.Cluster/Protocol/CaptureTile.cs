using MessagePack;

namespace RingKernel.Cluster.Protocol;

/// <summary>
/// To a tile entity between commands: save your state to the checkpoint store (<see cref="Persist"/>,
/// answered by <see cref="TileSaved"/>) or send it (answered by <see cref="TileCaptured"/>).
/// </summary>
[MessagePackObject]
internal sealed record CaptureTile([property: Key(0)] int Generation, [property: Key(1)] bool Persist) : IClusterStencilMessage;
