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
    string Output);
