using RingKernel.Stencils;

namespace RingKernel.Samples.Cli;

/// <summary>
/// One way a sample can compute its simulation, with the tilings and halo widths it can run:
/// <paramref name="Check"/> returns null for a tiling it runs, or a one-line reason it cannot.
/// </summary>
public sealed record StencilEngine(string Name, string Description, Func<TileGrid, int, string?> Check);
