using MessagePack;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cluster.Protocol;

/// <summary>A tile entity's answer to <see cref="RunTile"/>: its kernel's <see cref="TileProgress"/>.</summary>
[MessagePackObject]
internal sealed record TileRan(
    [property: Key(0)] int Tile, [property: Key(1)] long Step, [property: Key(2)] long ChunksSent, [property: Key(3)] long ChunksReceived, [property: Key(4)] long BytesSent) : IClusterStencilMessage
{
    public TileRan(TileProgress progress)
        : this(progress.Tile, progress.Step, progress.ChunksSent, progress.ChunksReceived, progress.BytesSent)
    {
    }

    public TileProgress ToProgress() => new(Tile, Step, ChunksSent, ChunksReceived, BytesSent);
}
