using RingKernel.Kernels;
using RingKernel.Metal;
using RingKernel.Layouts;
using RingKernel.Stencils;
using RingKernel.Tests.Stencils.Halo;
using RingKernel.Tests.Vulkan;

namespace RingKernel.Tests.Metal;

/// <summary>
/// The tiled engine on Metal: every tile a threadgroup of one kernel actor's dispatches, trading halo
/// chunks through K2K inboxes in shared memory reached by GPU address, ends equal to the single-grid
/// reference bit for bit.
/// </summary>
public sealed class MetalTiledStencilTests(TileActorSystem actors) : IClassFixture<TileActorSystem>, IDisposable
{
    private readonly MetalBackend? _backend = MetalBackend.IsAvailable ? new MetalBackend() : null;

    public void Dispose() => _backend?.Dispose();

    [SkippableTheory]
    [InlineData(24, 16, 2, 2, 1, BoundaryKind.Fixed, 12, 232, 128)]
    [InlineData(30, 20, 3, 4, 5, BoundaryKind.Fixed, 11, 7, 128)]
    [InlineData(32, 32, 4, 4, 2, BoundaryKind.Periodic, 9, 232, 256)]
    public async Task Heat2DTilesMatchTheSingleGridReferenceBitForBit(int width, int height, int tilesX, int tilesY, int halo, BoundaryKind boundaryKind, int steps, int chunkElements, int threads)
    {
        MetalFacts.SkipUnlessAvailable();
        _backend!.TileWorkgroupThreads = threads;
        await ShaderTiledRuns.HeatMatchesTheReferenceAsync(actors.System, _backend, width, height, new Dim3(tilesX, tilesY), halo, boundaryKind, steps, chunkElements);
    }

    [SkippableTheory]
    [InlineData(12, 12, 12, 2, 2, 2, 1, BoundaryKind.Periodic, 6)]
    [InlineData(12, 8, 8, 3, 2, 2, 2, BoundaryKind.Fixed, 7)]
    public async Task Wave3DTilesMatchTheSingleGridReferenceBitForBit(int width, int height, int depth, int tilesX, int tilesY, int tilesZ, int halo, BoundaryKind boundaryKind, int steps)
    {
        MetalFacts.SkipUnlessAvailable();
        await ShaderTiledRuns.WaveMatchesTheReferenceAsync(actors.System, _backend!, new GridSize(width, height, depth), new Dim3(tilesX, tilesY, tilesZ), halo, boundaryKind, steps, HaloChunk.Capacity);
    }
}
