using RingKernel.Kernels;

namespace RingKernel.Stencils;

/// <summary>
/// A stencil grid cut into equal tiles: how many along each axis (each count divides the grid's
/// extent), where each tile starts, and which tile lies across each face for a boundary kind. Tiles
/// are numbered row-major, X fastest. The tiled engines give each tile to a workgroup or actor and
/// exchange halos across the faces this describes.
/// </summary>
public sealed class TileGrid
{
    private TileGrid(GridSize size, Dim3 tiles)
    {
        Size = size;
        Tiles = tiles;
        TileSize = new GridSize(size.Width / tiles.X, size.Height / tiles.Y, size.Depth / tiles.Z);
    }

    /// <summary>The whole grid.</summary>
    public GridSize Size { get; }

    /// <summary>Tiles along each axis.</summary>
    public Dim3 Tiles { get; }

    /// <summary>The cells of one tile (every tile has the same extent).</summary>
    public GridSize TileSize { get; }

    public int TileCount => (int)Tiles.Count;

    /// <summary>The faces across which tiles of this grid meet: four in 2D, six in 3D.</summary>
    public IReadOnlyList<TileFace> Faces => Size.Is2D ? TileFaces.Faces2D : TileFaces.Faces3D;

    /// <summary>The widest halo a tile can take from one neighbour: the smallest extent of a tile along a tiled axis.</summary>
    public int MaxHaloWidth => Size.Is2D ? Math.Min(TileSize.Width, TileSize.Height) : Math.Min(TileSize.Width, Math.Min(TileSize.Height, TileSize.Depth));

    /// <summary>Cuts <paramref name="size"/> into <paramref name="tiles"/>; throws <see cref="ArgumentException"/> with <see cref="TryCreate"/>'s message when it cannot.</summary>
    public static TileGrid Create(GridSize size, Dim3 tiles) =>
        TryCreate(size, tiles, out TileGrid? grid, out string? error) ? grid : throw new ArgumentException(error, nameof(tiles));

    /// <summary>Cuts <paramref name="size"/> into <paramref name="tiles"/>, or says in one line why it cannot.</summary>
    public static bool TryCreate(GridSize size, Dim3 tiles, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TileGrid? grid, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        grid = null;
        error = null;
        if (tiles.Count == 0)
            error = "The tile counts are default(Dim3); give each axis at least 1 tile.";
        else if (size.Is2D && tiles.Z != 1)
            error = $"The {size} grid is 2D, so it has 1 tile along Z, not {tiles.Z}.";
        else
            error = Indivisible('X', size.Width, tiles.X, size) ?? Indivisible('Y', size.Height, tiles.Y, size) ?? Indivisible('Z', size.Depth, tiles.Z, size);
        if (error is not null)
            return false;
        grid = new TileGrid(size, tiles);
        return true;
    }

    /// <summary>Null when every tile can exchange halos of <paramref name="width"/> cells with its neighbours, else why not, in one line.</summary>
    public string? CheckHaloWidth(int width) =>
        width < 1 ? $"A halo is at least 1 cell wide; got {width}."
        : width > MaxHaloWidth ? $"A halo of {width} cells is wider than the {TileSize} tiles of the {Size} grid allow; at most {MaxHaloWidth}."
        : null;

    /// <summary>The coordinates of tile <paramref name="tileIndex"/>.</summary>
    public Index3 TileAt(int tileIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tileIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tileIndex, TileCount);
        return Tiles.Delinearize(tileIndex);
    }

    /// <summary>The row-major number of the tile at <paramref name="tile"/>.</summary>
    public int IndexOf(Index3 tile)
    {
        CheckTile(tile);
        return Tiles.Linearize(tile);
    }

    /// <summary>The grid coordinates of the first cell (lowest x, y, z) of <paramref name="tile"/>.</summary>
    public Index3 OriginOf(Index3 tile)
    {
        CheckTile(tile);
        return new Index3(tile.X * TileSize.Width, tile.Y * TileSize.Height, tile.Z * TileSize.Depth);
    }

    /// <summary>
    /// The tile across <paramref name="face"/> of <paramref name="tile"/>: with
    /// <see cref="BoundaryKind.Periodic"/> the grid wraps (a tile can be its own neighbour when an
    /// axis has one tile); with <see cref="BoundaryKind.Fixed"/> a face on the grid's edge has no
    /// neighbour (false): its halo is the fixed value.
    /// </summary>
    public bool TryGetNeighbour(Index3 tile, TileFace face, BoundaryKind boundary, out Index3 neighbour)
    {
        if (Size.Is2D && face is TileFace.ZMinus or TileFace.ZPlus)
            throw new ArgumentException($"A tile of the 2D {Size} grid has no {face} face.", nameof(face));
        return TryGetNeighbour(tile, face.Offset(), boundary, out neighbour);
    }

    /// <summary>
    /// The tile one <paramref name="step"/> away from <paramref name="tile"/>, where each component of
    /// the step is -1, 0 or 1: a face, an edge or a corner neighbour (a Moore neighbourhood). Wraps or
    /// stops at the grid's edge like the face overload: with <see cref="BoundaryKind.Fixed"/> a step
    /// that leaves the grid along any axis has no neighbour.
    /// </summary>
    public bool TryGetNeighbour(Index3 tile, Index3 step, BoundaryKind boundary, out Index3 neighbour)
    {
        CheckTile(tile);
        if (step.X is < -1 or > 1 || step.Y is < -1 or > 1 || step.Z is < -1 or > 1 || step == default)
            throw new ArgumentOutOfRangeException(nameof(step), step, "A neighbour step has components of -1, 0 or 1, not all 0.");
        if (Size.Is2D && step.Z != 0)
            throw new ArgumentException($"A tile of the 2D {Size} grid has no neighbour along Z (step {step}).", nameof(step));
        int x = tile.X + step.X, y = tile.Y + step.Y, z = tile.Z + step.Z;
        bool inside = (uint)x < (uint)Tiles.X && (uint)y < (uint)Tiles.Y && (uint)z < (uint)Tiles.Z;
        if (!inside && boundary == BoundaryKind.Fixed)
        {
            neighbour = default;
            return false;
        }

        neighbour = new Index3(Wrap(x, Tiles.X), Wrap(y, Tiles.Y), Wrap(z, Tiles.Z));
        return true;
    }

    public override string ToString() => $"{Size} grid in {Tiles.X}x{Tiles.Y}{(Size.Is2D ? "" : $"x{Tiles.Z}")} tiles of {TileSize}";

    private static int Wrap(int coordinate, int count) => coordinate < 0 ? count - 1 : coordinate >= count ? 0 : coordinate;

    private static string? Indivisible(char axis, int cells, int tiles, GridSize size)
    {
        if (cells % tiles == 0)
            return null;
        IEnumerable<int> divisors = Enumerable.Range(1, cells).Where(d => cells % d == 0);
        return $"{tiles} tiles along {axis} do not divide the {cells} cells of the {size} grid; use a divisor of {cells} ({string.Join(", ", divisors.Take(8))}{(divisors.Count() > 8 ? ", ..." : "")}).";
    }

    private void CheckTile(Index3 tile)
    {
        if ((uint)tile.X >= (uint)Tiles.X || (uint)tile.Y >= (uint)Tiles.Y || (uint)tile.Z >= (uint)Tiles.Z)
            throw new ArgumentOutOfRangeException(nameof(tile), tile, $"Tile {tile} is outside the {Tiles} tiles of {this}.");
    }
}
