using RingKernel.Stencils;

namespace RingKernel.Samples.Cli;

/// <summary>
/// What the samples' <c>tiles</c> engine accepts: any tiling and halo width <see cref="TileGrid"/>
/// allows, up to <see cref="MaxTiles"/> tiles: each tile is a ring kernel with its own rings and K2K
/// inboxes (the CPU backend runs them all on one worker thread per core).
/// </summary>
public static class TiledEngineRules
{
    /// <summary>The most tiles (ring kernels, each with its rings and inboxes in memory) a sample starts.</summary>
    public const int MaxTiles = 1024;

    /// <summary>What the engine does, for the usage text.</summary>
    public const string Description = "one persistent ring kernel per tile (a threadgroup actor), halo strips exchanged directly between tiles over K2K every --halo steps; the host only sends RunSteps and Snapshot";

    /// <summary>Null when the engine runs <paramref name="tiles"/> with <paramref name="halo"/>, else why not, in one line.</summary>
    public static string? Check(TileGrid tiles, int halo)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        return tiles.TileCount > MaxTiles
            ? $"each tile is a ring kernel with its own rings and inboxes, and {tiles.TileCount} tiles are more than {MaxTiles}; use fewer tiles"
            : tiles.CheckHaloWidth(halo) is { } error ? error
            : null;
    }
}
