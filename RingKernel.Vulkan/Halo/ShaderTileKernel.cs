using RingKernel.Kernels;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan.Devices;

namespace RingKernel.Vulkan.Halo;

/// <summary>
/// What a device that runs this project's shaders (Vulkan, Metal) supplies to the
/// <see cref="TiledStencilEngine"/>: every tile as a workgroup of one <see cref="ShaderTileGroup"/>,
/// and its tile kernel, which its ring kernel's driver thread runs (<see cref="TileGroupDriver"/>).
/// </summary>
public static class ShaderTileKernel
{
    public static KernelDefinition<TileGroup> Definition { get; } = TileGroupDriver.Kernel("shader-tile-group");

    /// <summary>All of <paramref name="tiles"/> in one group, each tile a workgroup of <paramref name="workgroupThreads"/> threads on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="tiles"/> is empty (<see cref="DeviceTileGroup"/> checks it).</exception>
    public static IReadOnlyList<TileGroup> GroupTiles(IShaderDevice device, IReadOnlyList<StencilTile> tiles, int workgroupThreads) =>
        [new ShaderTileGroup(device, tiles, workgroupThreads)];
}
