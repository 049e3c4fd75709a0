using System.Numerics;
using System.Runtime.InteropServices;
using RingKernel.K2K;
using RingKernel.Kernels;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// The memory of one tile with its halo: the tile's cells surrounded by <see cref="Halo"/> cells on
/// each side of each tiled axis (X and Y in 2D; X, Y and Z in 3D), row-major, X fastest. Says which
/// cells a tile sends to the neighbour in each <see cref="K2KDirection"/> and which halo cells the
/// strip from that neighbour fills.
/// </summary>
public sealed class HaloTileLayout
{
    /// <summary>The layout of <paramref name="grid"/>'s tiles with a halo of <paramref name="halo"/>: a tile of a 3D grid has a Z halo even when it is one cell deep.</summary>
    public HaloTileLayout(TileGrid grid, int halo)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(halo, 1);
        GridSize tileSize = grid.TileSize;
        TileSize = tileSize;
        Halo = halo;
        HaloZ = grid.Size.Is2D ? 0 : halo;
        PaddedWidth = tileSize.Width + (2 * halo);
        PaddedHeight = tileSize.Height + (2 * halo);
        PaddedDepth = tileSize.Depth + (2 * HaloZ);
        Length = checked(PaddedWidth * PaddedHeight * PaddedDepth);
    }

    /// <summary>The tile's own cells.</summary>
    public GridSize TileSize { get; }

    /// <summary>The halo width on X and Y (and Z in 3D).</summary>
    public int Halo { get; }

    /// <summary>The halo width on Z: <see cref="Halo"/> in 3D, 0 in 2D.</summary>
    public int HaloZ { get; }

    public int PaddedWidth { get; }

    public int PaddedHeight { get; }

    public int PaddedDepth { get; }

    /// <summary>Floats in a padded tile field.</summary>
    public int Length { get; }

    /// <summary>Distance in floats between two rows.</summary>
    public int RowStride => PaddedWidth;

    /// <summary>Distance in floats between two planes.</summary>
    public int PlaneStride => PaddedWidth * PaddedHeight;

    /// <summary>The index in a padded field of the tile-coordinate cell (x, y, z); halo cells have negative or past-the-end coordinates.</summary>
    public int Index(int x, int y, int z = 0) => x + Halo + (PaddedWidth * (y + Halo + (PaddedHeight * (z + HaloZ))));

    /// <summary>The tile's own cells.</summary>
    public HaloRegion Interior => new(default, new Index3(TileSize.Width, TileSize.Height, TileSize.Depth));

    /// <summary>The tile's cells the neighbour in <paramref name="direction"/> needs for its halo.</summary>
    public HaloRegion SendRegion(K2KDirection direction)
    {
        Index3 step = direction.Offset();
        (int x0, int x1) = SendRange(step.X, TileSize.Width, Halo);
        (int y0, int y1) = SendRange(step.Y, TileSize.Height, Halo);
        (int z0, int z1) = SendRange(step.Z, TileSize.Depth, HaloZ);
        return new HaloRegion(new Index3(x0, y0, z0), new Index3(x1, y1, z1));
    }

    /// <summary>The halo cells filled by the strip from the neighbour in <paramref name="direction"/>.</summary>
    public HaloRegion ReceiveRegion(K2KDirection direction)
    {
        Index3 step = direction.Offset();
        (int x0, int x1) = ReceiveRange(step.X, TileSize.Width, Halo);
        (int y0, int y1) = ReceiveRange(step.Y, TileSize.Height, Halo);
        (int z0, int z1) = ReceiveRange(step.Z, TileSize.Depth, HaloZ);
        return new HaloRegion(new Index3(x0, y0, z0), new Index3(x1, y1, z1));
    }

    /// <summary>
    /// Copies <c>chunk.Length</c> floats between a chunk and the cells of <paramref name="region"/>
    /// in the padded fields <paramref name="levels"/>, starting at element <paramref name="offset"/> of
    /// the strip: the strip is every level's region in turn, each row-major, X fastest.
    /// </summary>
    public void CopyStrip(float[][] levels, HaloRegion region, int offset, Span<float> chunk, bool intoChunk)
    {
        ArgumentNullException.ThrowIfNull(levels);

        // Where the chunk starts, found once; then row by row (a face across X has rows of h cells).
        int cells = region.CellCount;
        int level = offset / cells;
        int cell = offset % cells;
        int x = cell % region.Width;
        int row = cell / region.Width;
        int y = row % region.Height;
        int z = row / region.Height;
        if (region.Width == 1)
        {
            CopyColumn(levels, region, level, y, z, chunk, intoChunk);
            return;
        }

        int done = 0;
        while (done < chunk.Length)
        {
            int run = Math.Min(region.Width - x, chunk.Length - done);
            int at = Index(region.Start.X + x, region.Start.Y + y, region.Start.Z + z);
            Span<float> strip = levels[level].AsSpan(at, run);
            if (intoChunk)
                CopyRun(strip, chunk.Slice(done, run));
            else
                CopyRun(chunk.Slice(done, run), strip);

            done += run;
            x = 0;
            if (++y == region.Height)
            {
                y = 0;
                if (++z == region.Depth)
                {
                    z = 0;
                    level++;
                }
            }
        }
    }

    /// <summary>
    /// <see cref="CopyStrip"/> for a strip one cell wide (a face across X with a halo of 1): a
    /// strided gather or scatter, one cell a row, stepping a row at a time instead of locating each
    /// cell afresh.
    /// </summary>
    private void CopyColumn(float[][] levels, HaloRegion region, int level, int y, int z, Span<float> chunk, bool intoChunk)
    {
        int done = 0;
        while (done < chunk.Length)
        {
            Span<float> field = levels[level];
            int rows = Math.Min(region.Height - y, chunk.Length - done);
            int at = Index(region.Start.X, region.Start.Y + y, region.Start.Z + z);
            Span<float> part = chunk.Slice(done, rows);
            if (intoChunk)
            {
                for (int i = 0; i < part.Length; i++, at += RowStride)
                    part[i] = field[at];
            }
            else
            {
                for (int i = 0; i < part.Length; i++, at += RowStride)
                    field[at] = part[i];
            }

            done += rows;
            y = 0;
            if (++z == region.Depth)
            {
                z = 0;
                level++;
            }
        }
    }

    /// <summary>
    /// Copies one row of a strip. Rows are a few to a few hundred floats (a halo's width, a tile's
    /// side), so they are copied in vectors in place rather than through a call to the general
    /// block copy, whose call overhead showed in profiles for rows only a halo wide.
    /// </summary>
    private static void CopyRun(ReadOnlySpan<float> from, Span<float> to)
    {
        int length = from.Length;
        if (length < Vector<float>.Count)
        {
            for (int i = 0; i < length; i++)
                to[i] = from[i];
            return;
        }

        // The last vector ends at the run's end, overlapping the one before: a plain copy may.
        _ = to[length - 1];
        ref float source = ref MemoryMarshal.GetReference(from);
        ref float target = ref MemoryMarshal.GetReference(to);
        int last = length - Vector<float>.Count;
        for (int i = 0; i < last; i += Vector<float>.Count)
            Vector.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref target, (nuint)i);
        Vector.LoadUnsafe(ref source, (nuint)last).StoreUnsafe(ref target, (nuint)last);
    }

    /// <summary>Copies the tile at <paramref name="origin"/> of a whole-grid field into the interior of a padded field.</summary>
    public void LoadInterior(ReadOnlySpan<float> grid, GridSize gridSize, Index3 origin, float[] padded)
    {
        for (int z = 0; z < TileSize.Depth; z++)
        {
            for (int y = 0; y < TileSize.Height; y++)
                grid.Slice(gridSize.Index(origin.X, origin.Y + y, origin.Z + z), TileSize.Width).CopyTo(padded.AsSpan(Index(0, y, z), TileSize.Width));
        }
    }

    /// <summary>Copies the interior of a padded field into the tile at <paramref name="origin"/> of a whole-grid field.</summary>
    public void StoreInterior(float[] padded, Span<float> grid, GridSize gridSize, Index3 origin)
    {
        for (int z = 0; z < TileSize.Depth; z++)
        {
            for (int y = 0; y < TileSize.Height; y++)
                padded.AsSpan(Index(0, y, z), TileSize.Width).CopyTo(grid.Slice(gridSize.Index(origin.X, origin.Y + y, origin.Z + z), TileSize.Width));
        }
    }

    public override string ToString() => $"tile {TileSize} with a halo of {Halo}";

    private static (int Start, int End) SendRange(int step, int extent, int halo) => step switch
    {
        < 0 => (0, halo),
        0 => (0, extent),
        _ => (extent - halo, extent),
    };

    private static (int Start, int End) ReceiveRange(int step, int extent, int halo) => step switch
    {
        < 0 => (-halo, 0),
        0 => (0, extent),
        _ => (extent, extent + halo),
    };
}
