using RingKernel.Stencils;

namespace RingKernel.Samples.Cli;

/// <summary>A stencil sample's validated command line.</summary>
public sealed record StencilOptions(
    string Backend,
    StencilEngine Engine,
    GridSize Size,
    TileGrid Tiles,
    int Steps,
    int Halo,
    BoundaryKind Boundary,
    string Output)
{
    /// <summary>Whether the picture of a tiled run shows the tile borders (<c>--no-tile-borders</c> turns them off).</summary>
    public bool TileBorders { get; init; } = true;

    /// <summary>Whether the tiles engine checkpoints every tile after each exchange so that its supervisor can restart a faulted tile (<c>--checkpoints</c>).</summary>
    public bool Checkpoints { get; init; }

    /// <summary>Whether the run shows RingKernel's telemetry (<c>--metrics</c>).</summary>
    public bool Metrics { get; init; }

    /// <summary>The boundary the equation is built with: <see cref="Boundary"/>, a fixed one held at zero.</summary>
    public StencilBoundary StencilBoundary => Boundary == BoundaryKind.Periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(0f);
}
