using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Samples.Cli;

/// <summary>
/// What the samples' <c>tiles</c> engine accepts: any tiling and halo width <see cref="TileGrid"/>
/// allows, up to <see cref="MaxTiles"/> tiles: each tile is a kernel actor with its own rings and K2K
/// inboxes (the CPU backend runs their kernels on one worker thread per core). Its default cuts the
/// grid into slabs across the outermost axis, whose faces are whole rows (planes in 3D): one per core,
/// or more where that keeps each tile in the cache between exchanges (<see cref="DefaultLayout"/>).
/// </summary>
public static class TiledEngineRules
{
    /// <summary>The most tiles (kernel actors, each with its rings and inboxes in memory) a sample starts.</summary>
    public const int MaxTiles = 1024;

    /// <summary>The default halo width in 2D: a strip exchange every 8 steps costs little recomputation in slabs hundreds of rows deep.</summary>
    public const int DefaultHalo2D = 8;

    /// <summary>
    /// The default halo width in 3D: 1, an exchange every step. A wider halo recomputes whole planes
    /// and ships both time levels of the wave, twice the bytes a step (measured slower at 256³).
    /// </summary>
    public const int DefaultHalo3D = 1;

    /// <summary>What the engine does, for the usage text.</summary>
    public const string Description = "every tile a kernel actor (Akka.NET) under one supervisor, its persistent ring kernel trading halo strips with its neighbours over K2K every --halo steps; the host only sends RunSteps and Snapshot";

    /// <summary>The engine, with its default tiling for this machine's cores.</summary>
    public static StencilEngine Engine { get; } = new("tiles", Description, Check) { Defaults = DefaultLayout, Tiled = true };

    /// <summary>Null when the engine runs <paramref name="tiles"/> with <paramref name="halo"/>, else why not, in one line.</summary>
    public static string? Check(TileGrid tiles, int halo)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        return tiles.TileCount > MaxTiles
            ? $"each tile is a kernel actor with its own rings and inboxes, and {tiles.TileCount} tiles are more than {MaxTiles}; use fewer tiles"
            : tiles.CheckHaloWidth(halo) is { } error ? error
            : null;
    }

    /// <summary>
    /// The most memory a tile's two levels take in a default layout with a halo wider than 1: such a
    /// tile runs the steps between its exchanges out of the cache, where one slab per core of a grid
    /// far larger than the cache would stream every step from memory.
    /// </summary>
    public const long TileCacheBytes = 8L << 20;

    /// <summary>
    /// The thinnest default slab, in halo widths: between exchanges a tile recomputes up to a halo
    /// of cells on each side, which a slab this thick keeps to a few percent of its work.
    /// </summary>
    public const int MinSlabHalos = 16;

    /// <summary>
    /// Slabs across the outermost axis with the default halo: one per core, or, with a halo wider
    /// than 1, as many more (a multiple of the cores) as keep each tile's two levels within
    /// <see cref="TileCacheBytes"/>, no thinner than <see cref="MinSlabHalos"/> halos; then the most
    /// at most that that divide the axis.
    /// </summary>
    public static (Dim3 Tiles, int Halo) DefaultLayout(GridSize size)
    {
        int outer = size.Is2D ? size.Height : size.Depth;
        int halo = size.Is2D ? DefaultHalo2D : DefaultHalo3D;
        int cores = Environment.ProcessorCount;
        long slabs = cores;
        if (halo > 1)
        {
            long levelBytes = 2L * size.CellCount * sizeof(float);
            long forCache = (levelBytes + TileCacheBytes - 1) / TileCacheBytes;
            slabs = Math.Max(slabs, (forCache + cores - 1) / cores * cores);
            slabs = Math.Min(slabs, Math.Max(cores, outer / (MinSlabHalos * halo)));
        }

        int count = (int)Math.Clamp(slabs, 1, Math.Min(outer, MaxTiles));
        while (outer % count != 0)
            count--;
        return size.Is2D ? (new Dim3(1, count), halo) : (new Dim3(1, 1, count), halo);
    }
}
