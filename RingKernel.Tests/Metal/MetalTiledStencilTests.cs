using RingKernel.Kernels;
using RingKernel.Metal;
using RingKernel.Metal.Stencils;
using RingKernel.Stencils;
using RingKernel.Tests.Vulkan;
using RingKernel.Vulkan.Halo;

namespace RingKernel.Tests.Metal;

/// <summary>
/// The tiled stencil on Metal: tiles trading halo chunks through K2K inboxes in shared memory, reached
/// by GPU address, end equal to the single-grid reference bit for bit.
/// </summary>
public sealed class MetalTiledStencilTests : IDisposable
{
    private readonly MetalBackend? _backend;

    public MetalTiledStencilTests()
    {
        if (MetalBackend.IsAvailable)
            _backend = new MetalBackend();
    }

    public void Dispose() => _backend?.Dispose();

    [SkippableTheory]
    [InlineData(24, 16, 2, 2, 1, BoundaryKind.Fixed, 12, 232, 128)]
    [InlineData(30, 20, 3, 4, 5, BoundaryKind.Fixed, 11, 7, 128)]
    [InlineData(32, 32, 4, 4, 2, BoundaryKind.Periodic, 9, 232, 256)]
    public void Heat2DTilesMatchTheSingleGridReferenceBitForBit(int width, int height, int tilesX, int tilesY, int halo, BoundaryKind boundaryKind, int steps, int chunkElements, int threads)
    {
        MetalFacts.SkipUnlessAvailable();
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(0.625f) : StencilBoundary.Periodic;
        var equation = new HeatEquation2D(new GridSize(width, height), 0.21f, boundary);
        float[] field = VulkanHeatTests.RandomField(equation.Size, width + height + halo);
        float[] reference = (float[])field.Clone();
        var options = new VulkanTiledStencilOptions { ChunkElements = chunkElements, WorkgroupThreads = threads };
        using var tiled = MetalTiledStencil.ForHeat(_backend!, equation, new Dim3(tilesX, tilesY), halo, field, options);

        int first = steps / 2;
        tiled.RunSteps(first);
        tiled.RunSteps(steps - first);
        tiled.Snapshot();
        HeatReference2D.Run(equation, reference, steps);

        VulkanWaveTests.AssertBitEqual(reference, field, equation.Size, $"heat after {steps} steps");
        Assert.Equal(steps, tiled.StepsDone);
    }

    [SkippableTheory]
    [InlineData(12, 12, 12, 2, 2, 2, 1, BoundaryKind.Periodic, 6)]
    [InlineData(12, 8, 8, 3, 2, 2, 2, BoundaryKind.Fixed, 7)]
    public void Wave3DTilesMatchTheSingleGridReferenceBitForBit(int width, int height, int depth, int tilesX, int tilesY, int tilesZ, int halo, BoundaryKind boundaryKind, int steps)
    {
        MetalFacts.SkipUnlessAvailable();
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(0.25f) : StencilBoundary.Periodic;
        var equation = new WaveEquation3D(new GridSize(width, height, depth), 0.2f, boundary);
        float[] previous = VulkanHeatTests.RandomField(equation.Size, steps);
        float[] current = VulkanHeatTests.RandomField(equation.Size, steps + 1);
        float[] referencePrevious = (float[])previous.Clone();
        float[] referenceCurrent = (float[])current.Clone();
        using var tiled = MetalTiledStencil.ForWave(_backend!, equation, new Dim3(tilesX, tilesY, tilesZ), halo, previous, current);

        tiled.RunSteps(steps);
        tiled.Snapshot();
        WaveReference3D.Run(equation, referencePrevious, referenceCurrent, steps);

        VulkanWaveTests.AssertBitEqual(referenceCurrent, current, equation.Size, $"wave after {steps} steps, current level");
        VulkanWaveTests.AssertBitEqual(referencePrevious, previous, equation.Size, $"wave after {steps} steps, previous level");
    }
}
