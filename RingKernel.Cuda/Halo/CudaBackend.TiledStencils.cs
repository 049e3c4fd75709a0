using RingKernel.Cuda.Halo;
using RingKernel.Kernels;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cuda;

// Tiled stencils on CUDA (Halo/): every tile a block of halo_heat2d.cu, one kernel actor for all.
public sealed partial class CudaBackend : ITiledStencilBackend
{
    /// <summary>Threads in each tile's block of the tiled stencil (128 unless set).</summary>
    public int TileBlockThreads { get; set; } = 128;

    /// <summary>
    /// The tile kernel of the <see cref="TiledStencilEngine"/> on CUDA: its driver thread runs each
    /// command as cooperative launches of <c>halo_heat2d.cu</c>, a launch per epoch of up to a halo's steps.
    /// </summary>
    public KernelDefinition<TileGroup> TileKernel { get; } = TileGroupDriver.Kernel("cuda-tile-group");

    /// <summary>Every tile in one group, each tile a block of <see cref="TileBlockThreads"/> threads; heat 2D tiles.</summary>
    /// <exception cref="NotSupportedException">The tiles are of another equation.</exception>
    /// <exception cref="RingKernel.Backends.BackendUnavailableException">No CUDA device is usable here.</exception>
    public IReadOnlyList<TileGroup> GroupTiles(IReadOnlyList<StencilTile> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        EnsureAvailable();
        return [new CudaTileGroup(this, tiles, TileBlockThreads)];
    }
}
