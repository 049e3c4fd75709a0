using RingKernel.Kernels;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan.Halo;

namespace RingKernel.Metal;

// Tiled stencils on Metal: RingKernel.Vulkan's tile group (halo_stencil, translated to MSL), its fields, links and inboxes in shared buffers reached by GPU address.
public sealed partial class MetalBackend : ITiledStencilBackend
{
    /// <summary>Threads in each tile's threadgroup of the tiled stencil (128 unless set).</summary>
    public int TileWorkgroupThreads { get; set; } = 128;

    /// <summary>The tile kernel of the <see cref="TiledStencilEngine"/> on Metal: the Vulkan backend's, its dispatches in MSL.</summary>
    public KernelDefinition<TileGroup> TileKernel => ShaderTileKernel.Definition;

    /// <summary>Every tile in one group, each tile a threadgroup of <see cref="TileWorkgroupThreads"/> threads; heat 2D and wave 3D tiles.</summary>
    /// <exception cref="NotSupportedException">The tiles are of another equation.</exception>
    public IReadOnlyList<TileGroup> GroupTiles(IReadOnlyList<StencilTile> tiles)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ShaderTileKernel.GroupTiles(this, tiles, TileWorkgroupThreads);
    }
}
