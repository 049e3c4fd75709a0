namespace RingKernel.Stencils;

/// <summary>
/// The extent of a stencil grid in cells: width (X), height (Y) and depth (Z); a 2D grid has a
/// depth of 1. Fields over the grid are <c>float</c> arrays in row-major order, X fastest:
/// cell (x, y, z) is at <c>x + Width * (y + Height * z)</c>.
/// </summary>
public readonly record struct GridSize
{
    public GridSize(int width, int height, int depth = 1)
    {
        if (width < 1 || height < 1 || depth < 1)
            throw new ArgumentException($"A grid needs at least one cell along each axis; got {Describe(width, height, depth)}.", nameof(width));
        long cells = (long)width * height * depth;
        if (cells > Array.MaxLength)
            throw new ArgumentException($"A grid of {Describe(width, height, depth)} has {cells} cells; a field holds at most {Array.MaxLength}.", nameof(width));
        Width = width;
        Height = height;
        Depth = depth;
    }

    public int Width { get; }

    public int Height { get; }

    public int Depth { get; }

    /// <summary>True for a grid of one plane (depth 1).</summary>
    public bool Is2D => Depth == 1;

    /// <summary>Cells in one XY plane.</summary>
    public int PlaneCells => Width * Height;

    public int CellCount => Width * Height * Depth;

    /// <summary>A square 2D grid of <paramref name="n"/> x <paramref name="n"/> cells.</summary>
    public static GridSize Square(int n) => new(n, n);

    /// <summary>A cubic 3D grid of <paramref name="n"/>³ cells.</summary>
    public static GridSize Cube(int n) => new(n, n, n);

    /// <summary>The index of cell (x, y, z) in a field over this grid.</summary>
    public int Index(int x, int y, int z = 0) => x + (Width * (y + (Height * z)));

    /// <summary>"512x512" for a 2D grid, "256x256x256" for a 3D one.</summary>
    public override string ToString() => Describe(Width, Height, Depth);

    private static string Describe(int width, int height, int depth) =>
        depth == 1 ? $"{width}x{height}" : $"{width}x{height}x{depth}";
}
