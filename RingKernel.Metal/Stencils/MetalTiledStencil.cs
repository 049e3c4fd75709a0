using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Vulkan.Halo;

namespace RingKernel.Metal.Stencils;

/// <summary>
/// The tiled stencil of RingKernel.Vulkan (<see cref="VulkanTiledStencil"/>: every tile a threadgroup
/// actor trading halo strips with its neighbours over K2K inboxes, one dispatch per epoch) on a Metal
/// device: the same engine and the same shader (halo_stencil), translated to MSL, its fields, links and
/// inboxes in shared buffers reached by GPU address. Heat 2D or wave 3D; the result equals the
/// single-grid reference bit for bit. Not thread-safe.
/// </summary>
public sealed class MetalTiledStencil : IDisposable
{
    private readonly VulkanTiledStencil _tiles;

    private MetalTiledStencil(VulkanTiledStencil tiles) => _tiles = tiles;

    /// <summary>
    /// Tiles <paramref name="equation"/>'s grid into <paramref name="tiles"/> with halos of
    /// <paramref name="halo"/> cells and loads <paramref name="field"/>, which <see cref="Snapshot"/> writes back.
    /// </summary>
    public static MetalTiledStencil ForHeat(MetalBackend backend, HeatEquation2D equation, Dim3 tiles, int halo, float[] field, VulkanTiledStencilOptions? options = null) =>
        new(VulkanTiledStencil.ForHeatOn(backend, equation, tiles, halo, field, options));

    /// <summary>
    /// Tiles <paramref name="equation"/>'s 3D grid into <paramref name="tiles"/> with halos of
    /// <paramref name="halo"/> cells and loads the two time levels, which <see cref="Snapshot"/> writes back.
    /// </summary>
    public static MetalTiledStencil ForWave(MetalBackend backend, WaveEquation3D equation, Dim3 tiles, int halo, float[] previous, float[] current, VulkanTiledStencilOptions? options = null) =>
        new(VulkanTiledStencil.ForWaveOn(backend, equation, tiles, halo, previous, current, options));

    public TileGrid Grid => _tiles.Grid;

    public int Halo => _tiles.Halo;

    /// <summary>The K2K fabric the tiles' routes and inboxes live in (tile i is kernel i).</summary>
    public K2KFabric Fabric => _tiles.Fabric;

    /// <summary>Steps done since the start.</summary>
    public long StepsDone => _tiles.StepsDone;

    /// <summary>Dispatches run so far (one per epoch, plus one that only sends at the start of each <see cref="RunSteps"/>).</summary>
    public long Dispatches => _tiles.Dispatches;

    /// <summary>Advances <paramref name="steps"/> steps; see <see cref="VulkanTiledStencil.RunSteps"/> for what a bad chunk does.</summary>
    public void RunSteps(int steps) => _tiles.RunSteps(steps);

    /// <summary>Writes every tile's cells into the fields given at creation.</summary>
    public void Snapshot() => _tiles.Snapshot();

    public void Dispose() => _tiles.Dispose();

    public override string ToString() => _tiles.ToString();
}
