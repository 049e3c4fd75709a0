namespace RingKernel.Stencils.Halo;

/// <summary>
/// A tile kernel's answer to a <see cref="TileCommand"/>: which tile, how many steps it has done in
/// all, how many halo chunks it has sent and received over K2K, and the bytes of the chunks it sent.
/// </summary>
public readonly record struct TileProgress(int Tile, long Step, long ChunksSent, long ChunksReceived, long BytesSent)
{
    /// <summary>The message type id of tile progress replies.</summary>
    public const uint TypeId = 0x5450;
}
