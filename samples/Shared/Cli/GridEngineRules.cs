using RingKernel.Stencils;

namespace RingKernel.Samples.Cli;

/// <summary>What the samples' <c>grid</c> engine accepts: the whole grid as one tile, reading the 1-cell neighbourhood of each cell.</summary>
public static class GridEngineRules
{
    public const string Description = "the whole grid per step, Parallel.For over rows with Vector<float> (the comparison for the tiled engine)";

    public static string? Check(TileGrid tiles, int halo)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        return tiles.TileCount != 1 ? "it computes the whole grid as one tile, so --tiles must be 1"
            : halo != 1 ? "it reads the 1-cell neighbourhood of each cell every step, so --halo must be 1"
            : null;
    }
}
