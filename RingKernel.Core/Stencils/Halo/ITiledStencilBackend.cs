using RingKernel.Backends;
using RingKernel.Kernels;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// A backend the <see cref="TiledStencilEngine"/> runs tiles on: besides ring kernels, it supplies
/// the tile kernel each tile's actor launches.
/// </summary>
public interface ITiledStencilBackend : IRingKernelBackend
{
    /// <summary>
    /// The ring kernel of one tile, launched with the tile as its arguments: it answers each
    /// <see cref="TileCommand"/> with the tile's <see cref="TileProgress"/>, advancing it with
    /// <see cref="StencilTile.TryRunUntil"/> (connecting itself first with
    /// <see cref="StencilTile.ConnectDoorbell"/>, so a neighbour's halo resumes it) or writing it
    /// out with <see cref="StencilTile.Snapshot"/>.
    /// </summary>
    KernelDefinition<StencilTile> TileKernel { get; }
}
