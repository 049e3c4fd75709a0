using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Samples.Cli;

/// <summary>
/// One way a sample can compute its simulation, with the tilings and halo widths it can run:
/// <paramref name="Check"/> returns null for a tiling it runs, or a one-line reason it cannot.
/// </summary>
public sealed record StencilEngine(string Name, string Description, Func<TileGrid, int, string?> Check)
{
    /// <summary>The tiles per axis and halo width the engine runs a grid of a given size with when the command line names none; one tile and a 1-cell halo unless set.</summary>
    public Func<GridSize, (Dim3 Tiles, int Halo)> Defaults { get; init; } = static _ => (new Dim3(1, 1, 1), 1);

    /// <summary>Whether the engine exchanges halos between tiles, which in 3D needs a grid at least 2 cells deep.</summary>
    public bool Tiled { get; init; }
}
