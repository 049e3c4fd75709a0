using RingKernel.Backends;
using RingKernel.Kernels;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// A backend the <see cref="TiledStencilEngine"/> runs tiles on: besides ring kernels, it says where
/// tiles live (which tiles one kernel actor runs) and supplies the tile kernel each actor launches.
/// </summary>
public interface ITiledStencilBackend : IRingKernelBackend
{
    /// <summary>
    /// The ring kernel of one tile group, launched with the group as its arguments: it answers each
    /// <see cref="TileCommand"/> with the group's <see cref="TileProgress"/>, advancing it with
    /// <see cref="TileGroup.TryRunUntil"/> (connecting itself first with
    /// <see cref="TileGroup.ConnectDoorbell"/>, so a neighbour's halo resumes it) or writing it
    /// out with <see cref="TileGroup.Snapshot"/>.
    /// </summary>
    KernelDefinition<TileGroup> TileKernel { get; }

    /// <summary>
    /// Groups <paramref name="tiles"/> (every tile of one grid, by number) into the groups this
    /// backend's tile kernels run, in tile order: each tile alone on the CPU, all of them in one group
    /// of workgroups on a GPU.
    /// </summary>
    /// <exception cref="NotSupportedException">The backend has no tile kernel for these tiles' equation.</exception>
    IReadOnlyList<TileGroup> GroupTiles(IReadOnlyList<StencilTile> tiles);
}
