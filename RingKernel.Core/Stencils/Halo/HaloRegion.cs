using RingKernel.Kernels;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// A box of cells in a tile's own coordinates (the tile's first interior cell is (0, 0, 0); halo
/// cells have negative coordinates or coordinates past the tile's extent): from
/// <see cref="Start"/> inclusive to <see cref="End"/> exclusive on each axis.
/// </summary>
public readonly record struct HaloRegion(Index3 Start, Index3 End)
{
    public int Width => End.X - Start.X;

    public int Height => End.Y - Start.Y;

    public int Depth => End.Z - Start.Z;

    /// <summary>Cells in the box.</summary>
    public int CellCount => Width * Height * Depth;

    public override string ToString() => $"[{Start.X}..{End.X}) x [{Start.Y}..{End.Y}) x [{Start.Z}..{End.Z})";
}
