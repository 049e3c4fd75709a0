using System.Runtime.InteropServices;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Halo;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// Tiles on the device, one workgroup each, trading halo chunks through K2K inboxes in Vulkan
/// memory, end equal to the single-grid reference bit for bit; every route carries exactly its
/// chunks; a chunk that does not belong to its epoch, sequence or inbox stops the run.
/// </summary>
public sealed class VulkanHaloTests : IDisposable
{
    private readonly VulkanBackend? _backend;

    public VulkanHaloTests()
    {
        if (VulkanBackend.IsAvailable)
            _backend = new VulkanBackend();
    }

    public void Dispose() => _backend?.Dispose();

    [SkippableTheory]
    [InlineData(24, 16, 2, 2, 1, BoundaryKind.Fixed, 12, 232, 128)]
    [InlineData(24, 16, 3, 2, 3, BoundaryKind.Periodic, 10, 232, 64)]
    [InlineData(24, 16, 1, 2, 2, BoundaryKind.Periodic, 7, 5, 32)]
    [InlineData(30, 20, 3, 4, 5, BoundaryKind.Fixed, 11, 7, 128)]
    [InlineData(32, 32, 4, 4, 2, BoundaryKind.Periodic, 9, 232, 256)]
    [InlineData(16, 16, 1, 1, 4, BoundaryKind.Periodic, 9, 13, 64)]
    [InlineData(1, 8, 1, 4, 1, BoundaryKind.Periodic, 5, 232, 32)]
    [InlineData(8, 1, 4, 1, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(8, 4, 8, 1, 1, BoundaryKind.Periodic, 5, 232, 32)]
    [InlineData(8, 4, 1, 4, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(1, 1, 1, 1, 1, BoundaryKind.Periodic, 3, 232, 32)]
    public void Heat2DTilesMatchTheSingleGridReferenceBitForBit(int width, int height, int tilesX, int tilesY, int halo, BoundaryKind boundaryKind, int steps, int chunkElements, int threads)
    {
        VulkanFacts.SkipUnlessAvailable();
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(0.625f) : StencilBoundary.Periodic;
        var equation = new HeatEquation2D(new GridSize(width, height), 0.21f, boundary);
        float[] field = VulkanHeatTests.RandomField(equation.Size, width + height + halo);
        float[] reference = (float[])field.Clone();
        var options = new VulkanTiledStencilOptions { ChunkElements = chunkElements, WorkgroupThreads = threads };
        using var tiled = VulkanTiledStencil.ForHeat(_backend!, equation, new Dim3(tilesX, tilesY), halo, field, options);

        // Two runs, so the second starts mid-way through an epoch of the first.
        int first = steps / 2;
        tiled.RunSteps(first);
        tiled.RunSteps(steps - first);
        tiled.Snapshot();
        HeatReference2D.Run(equation, reference, steps);

        VulkanWaveTests.AssertBitEqual(reference, field, equation.Size, $"heat after {steps} steps");
        Assert.Equal(steps, tiled.StepsDone);
        AssertEveryRouteCarriedItsChunks(tiled, Epochs(first, halo) + Epochs(steps - first, halo));
    }

    [SkippableTheory]
    [InlineData(12, 12, 12, 2, 2, 2, 1, BoundaryKind.Periodic, 6, 232, 128)]
    [InlineData(12, 8, 8, 3, 2, 2, 2, BoundaryKind.Fixed, 7, 31, 64)]
    [InlineData(8, 8, 8, 2, 1, 2, 3, BoundaryKind.Periodic, 8, 232, 128)]
    [InlineData(16, 8, 8, 2, 2, 2, 4, BoundaryKind.Fixed, 9, 100, 96)]
    [InlineData(9, 9, 6, 3, 3, 2, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(6, 6, 6, 1, 1, 6, 1, BoundaryKind.Periodic, 5, 232, 32)]
    [InlineData(6, 6, 6, 1, 6, 1, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(6, 6, 6, 6, 1, 1, 1, BoundaryKind.Periodic, 5, 232, 32)]
    [InlineData(1, 6, 6, 1, 2, 3, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(6, 1, 6, 1, 1, 2, 1, BoundaryKind.Periodic, 5, 232, 32)]
    public void Wave3DTilesMatchTheSingleGridReferenceBitForBit(int width, int height, int depth, int tilesX, int tilesY, int tilesZ, int halo, BoundaryKind boundaryKind, int steps, int chunkElements, int threads)
    {
        VulkanFacts.SkipUnlessAvailable();
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(-0.25f) : StencilBoundary.Periodic;
        var equation = new WaveEquation3D(new GridSize(width, height, depth), 0.3f, boundary);
        float[] previous = VulkanHeatTests.RandomField(equation.Size, width * depth);
        float[] current = VulkanHeatTests.RandomField(equation.Size, (width * depth) + 7);
        float[] referencePrevious = (float[])previous.Clone();
        float[] referenceCurrent = (float[])current.Clone();
        var options = new VulkanTiledStencilOptions { ChunkElements = chunkElements, WorkgroupThreads = threads };
        using var tiled = VulkanTiledStencil.ForWave(_backend!, equation, new Dim3(tilesX, tilesY, tilesZ), halo, previous, current, options);

        tiled.RunSteps(steps);
        tiled.Snapshot();
        WaveReference3D.Run(equation, referencePrevious, referenceCurrent, steps);

        VulkanWaveTests.AssertBitEqual(referenceCurrent, current, equation.Size, $"wave current level after {steps} steps");
        VulkanWaveTests.AssertBitEqual(referencePrevious, previous, equation.Size, $"wave previous level after {steps} steps");
        AssertEveryRouteCarriedItsChunks(tiled, Epochs(steps, halo));
    }

    [SkippableFact]
    public void AChunkOfAnotherStepStopsTheRunAndIsNotUsed()
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(16, 16), 0.2f, StencilBoundary.Periodic);
        float[] field = VulkanHeatTests.RandomField(equation.Size, 5);
        VulkanTiledStencil? tiled = null;
        var options = new VulkanTiledStencilOptions
        {
            BeforeEpoch = step =>
            {
                if (step == 2)
                    WriteInboxWord(tiled!, 0, K2KDirection.XPlus, MessageHeader.Size + (int)Marshal.OffsetOf<HaloMessageHeader>(nameof(HaloMessageHeader.Step)), 7);
            },
        };
        tiled = VulkanTiledStencil.ForHeat(_backend!, equation, new Dim3(2, 2), 2, field, options);
        using (tiled)
        {
            var fault = Assert.Throws<HaloEpochException>(() => tiled.RunSteps(6));

            // Tile 0's XPlus route lands in tile 1's XMinus inbox.
            Assert.Contains("Tile 1 receiving the halo of step 2 on inbox 0 (XMinus)", fault.Message, StringComparison.Ordinal);
            Assert.Contains("is for step 7", fault.Message, StringComparison.Ordinal);
            Assert.Equal(2, tiled.StepsDone);
            Assert.Throws<InvalidOperationException>(() => tiled.RunSteps(1));
        }
    }

    [SkippableFact]
    public void ALostOrRepeatedChunkIsCaughtByItsSequenceNumber()
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new WaveEquation3D(GridSize.Cube(8), 0.2f, StencilBoundary.Fixed(0f));
        float[] previous = new float[equation.Size.CellCount], current = VulkanHeatTests.RandomField(equation.Size, 3);
        VulkanTiledStencil? tiled = null;
        var options = new VulkanTiledStencilOptions
        {
            ChunkElements = 10,
            BeforeEpoch = step =>
            {
                if (step == 1)
                    WriteInboxWord(tiled!, 1, K2KDirection.ZPlus, (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.MessageId)), 12345);
            },
        };
        tiled = VulkanTiledStencil.ForWave(_backend!, equation, new Dim3(2, 1, 2), 1, previous, current, options);
        using (tiled)
        {
            var fault = Assert.Throws<HaloEpochException>(() => tiled.RunSteps(3));

            // Tile 1 is (1, 0, 0); its ZPlus neighbour is tile 3, which receives on its ZMinus inbox.
            Assert.Contains("Tile 3 receiving the halo of step 1 on inbox 4 (ZMinus)", fault.Message, StringComparison.Ordinal);
            Assert.Contains("sequence number 12345", fault.Message, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void AMissingChunkIsReportedInsteadOfWaitedFor()
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(12, 12), 0.2f, StencilBoundary.Fixed(1f));
        float[] field = VulkanHeatTests.RandomField(equation.Size, 9);
        VulkanTiledStencil? tiled = null;
        var options = new VulkanTiledStencilOptions
        {
            ChunkElements = 4,
            BeforeEpoch = step =>
            {
                if (step == 0)
                {
                    // Un-publish the last chunk on tile 0's YPlus route.
                    K2KRoute route = tiled!.Fabric.FindRoute(0, (int)K2KDirection.YPlus)!;
                    route.InboxBuffer.AsRef<RingHeader>(0).Tail--;
                }
            },
        };
        tiled = VulkanTiledStencil.ForHeat(_backend!, equation, new Dim3(2, 2), 1, field, options);
        using (tiled)
        {
            // One step: the dispatch that receives step 0's halo sends nothing after it.
            var fault = Assert.Throws<HaloEpochException>(() => tiled.RunSteps(1));

            Assert.Contains("Tile 2 receiving the halo of step 0 on inbox 2 (YMinus)", fault.Message, StringComparison.Ordinal);
            Assert.Contains("holds 1 chunk(s) of the 2", fault.Message, StringComparison.Ordinal);
        }
    }

    private static int Epochs(int steps, int halo) => (steps + halo - 1) / halo;

    /// <summary>Each route's sender sent, and its receiver took, exactly its strip's chunks every epoch; every direction of the neighbourhood was used.</summary>
    private static void AssertEveryRouteCarriedItsChunks(VulkanTiledStencil tiled, int epochs)
    {
        IReadOnlyList<K2KRoute> routes = tiled.Fabric.Routes;
        Assert.NotEmpty(routes);
        foreach (K2KRoute route in routes)
        {
            long chunks = (long)epochs * tiled.ChunksPerStrip((K2KDirection)route.InboxRoute);
            Assert.True(chunks > 0);
            Assert.Equal((ulong)chunks + K2KRoute.FirstSequence, route.NextSequence);
            Assert.Equal((ulong)chunks, route.InboxBuffer.AsRef<RingHeader>(0).Head);
            Assert.Equal(0, route.Pending);
        }

        // Under a fixed boundary, an axis with one tile has no neighbour along it: those directions carry nothing.
        IReadOnlyList<K2KDirection> directions = K2KDirections.Of(tiled.Neighbourhood, !tiled.Grid.Size.Is2D);
        K2KDirection[] used = [.. routes.Select(r => (K2KDirection)r.Route).Distinct().Order()];
        Dim3 tiles = tiled.Grid.Tiles;
        bool everyAxisHasNeighbours = tiled.Boundary.Kind == BoundaryKind.Periodic || (tiles.X > 1 && tiles.Y > 1 && (tiled.Grid.Size.Is2D || tiles.Z > 1));
        if (everyAxisHasNeighbours)
            Assert.Equal(directions.Order(), used);
        else
            Assert.Subset(directions.ToHashSet(), used.ToHashSet());
    }

    /// <summary>Overwrites the 32-bit word at <paramref name="byteOffset"/> of the oldest unread slot on <paramref name="tile"/>'s route <paramref name="direction"/>.</summary>
    private static void WriteInboxWord(VulkanTiledStencil tiled, uint tile, K2KDirection direction, int byteOffset, uint value)
    {
        K2KRoute route = tiled.Fabric.FindRoute(tile, (int)direction)!;
        ref RingHeader header = ref route.InboxBuffer.AsRef<RingHeader>(0);
        Assert.True(header.Tail > header.Head, "the inbox holds the epoch's chunks");
        long slot = (long)(header.Head & (ulong)(route.InboxCapacity - 1));
        route.InboxBuffer.AsRef<uint>(RingHeader.Size + (slot * route.InboxSlotSize) + byteOffset) = value;
    }
}
