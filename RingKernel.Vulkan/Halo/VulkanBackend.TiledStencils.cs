using RingKernel.Kernels;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan.Halo;

namespace RingKernel.Vulkan;

// Tiled stencils on Vulkan (Halo/): every tile a workgroup of halo_stencil.comp, one kernel actor for all.
public sealed partial class VulkanBackend : ITiledStencilBackend
{
    /// <summary>Threads in each tile's workgroup of the tiled stencil (128 unless set).</summary>
    public int TileWorkgroupThreads { get; set; } = 128;

    /// <summary>
    /// The tile kernel of the <see cref="TiledStencilEngine"/> on Vulkan: its driver thread runs each
    /// command as dispatches of <c>halo_stencil.comp</c>, a dispatch per epoch of up to a halo's steps.
    /// </summary>
    public KernelDefinition<TileGroup> TileKernel => ShaderTileKernel.Definition;

    /// <summary>Every tile in one group, each tile a workgroup of <see cref="TileWorkgroupThreads"/> threads; heat 2D and wave 3D tiles.</summary>
    /// <exception cref="NotSupportedException">The tiles are of another equation, or the device has no buffer device addresses.</exception>
    public IReadOnlyList<TileGroup> GroupTiles(IReadOnlyList<StencilTile> tiles)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ShaderTileKernel.GroupTiles(this, tiles, TileWorkgroupThreads);
    }
}
