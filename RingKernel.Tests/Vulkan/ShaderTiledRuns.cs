using Akka.Actor;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan.Halo;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// Tiled heat and wave runs through the <see cref="TiledStencilEngine"/> on a backend whose tiles are
/// workgroups of one shader (Vulkan, Metal), checked against the single-grid references bit for bit,
/// and the chunks every route carried.
/// </summary>
internal static class ShaderTiledRuns
{
    /// <summary>Heat in two runs (the second starts mid-way through an epoch of the first), then a snapshot equal to the reference.</summary>
    public static async Task HeatMatchesTheReferenceAsync(ActorSystem system, ITiledStencilBackend backend, int width, int height, Dim3 tiles, int halo, BoundaryKind boundaryKind, int steps, int chunkElements)
    {
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(0.625f) : StencilBoundary.Periodic;
        var equation = new HeatEquation2D(new GridSize(width, height), 0.21f, boundary);
        float[] field = VulkanHeatTests.RandomField(equation.Size, width + height + halo);
        float[] reference = (float[])field.Clone();
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(system, backend, equation, TileGrid.Create(equation.Size, tiles), halo, field, new TiledStencilOptions { ChunkElements = chunkElements });

        int first = steps / 2;
        await tiled.RunStepsAsync(first);
        await tiled.RunStepsAsync(steps - first);
        await tiled.SnapshotAsync(field);
        HeatReference2D.Run(equation, reference, steps);

        VulkanWaveTests.AssertBitEqual(reference, field, equation.Size, $"heat after {steps} steps");
        Assert.Equal(steps, tiled.Engine.StepsDone);
        // Epochs start at multiples of the halo whichever run they fall in: two runs exchange as often as one.
        AssertEveryRouteCarriedItsChunks(tiled.Engine, Epochs(steps, halo));
    }

    /// <summary>Wave in one run, then a snapshot of both levels equal to the reference.</summary>
    public static async Task WaveMatchesTheReferenceAsync(ActorSystem system, ITiledStencilBackend backend, GridSize size, Dim3 tiles, int halo, BoundaryKind boundaryKind, int steps, int chunkElements)
    {
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(-0.25f) : StencilBoundary.Periodic;
        var equation = new WaveEquation3D(size, 0.3f, boundary);
        float[] previous = VulkanHeatTests.RandomField(equation.Size, size.Width * size.Depth);
        float[] current = VulkanHeatTests.RandomField(equation.Size, (size.Width * size.Depth) + 7);
        float[] referencePrevious = (float[])previous.Clone();
        float[] referenceCurrent = (float[])current.Clone();
        await using TiledWave3D tiled = await TiledWave3D.StartAsync(system, backend, equation, TileGrid.Create(equation.Size, tiles), halo, previous, current, new TiledStencilOptions { ChunkElements = chunkElements });

        await tiled.RunStepsAsync(steps);
        await tiled.SnapshotAsync(previous, current);
        WaveReference3D.Run(equation, referencePrevious, referenceCurrent, steps);

        VulkanWaveTests.AssertBitEqual(referenceCurrent, current, equation.Size, $"wave current level after {steps} steps");
        VulkanWaveTests.AssertBitEqual(referencePrevious, previous, equation.Size, $"wave previous level after {steps} steps");
        AssertEveryRouteCarriedItsChunks(tiled.Engine, Epochs(steps, halo));
    }

    private static int Epochs(int steps, int halo) => (steps + halo - 1) / halo;

    /// <summary>Each route's sender sent, and its receiver took, exactly its strip's chunks every epoch; every direction of the neighbourhood was used.</summary>
    private static void AssertEveryRouteCarriedItsChunks(TiledStencilEngine engine, int epochs)
    {
        var group = Assert.IsType<ShaderTileGroup>(Assert.Single(engine.Groups));
        IReadOnlyList<K2KRoute> routes = engine.Routes;
        Assert.NotEmpty(routes);
        foreach (K2KRoute route in routes)
        {
            long chunks = (long)epochs * group.ChunksPerStrip((K2KDirection)route.InboxRoute);
            Assert.True(chunks > 0);
            Assert.Equal((ulong)chunks + K2KRoute.FirstSequence, route.NextSequence);
            Assert.Equal((ulong)chunks, route.InboxBuffer.AsRef<RingHeader>(0).Head);
            Assert.Equal(0, route.Pending);
        }

        // Under a fixed boundary, an axis with one tile has no neighbour along it: those directions carry nothing.
        StencilTile tile = engine.Tiles[0];
        IReadOnlyList<K2KDirection> directions = K2KDirections.Of(tile.Neighbourhood, !tile.Grid.Size.Is2D);
        K2KDirection[] used = [.. routes.Select(r => (K2KDirection)r.Route).Distinct().Order()];
        Dim3 tiles = tile.Grid.Tiles;
        bool everyAxisHasNeighbours = tile.Boundary.Kind == BoundaryKind.Periodic || (tiles.X > 1 && tiles.Y > 1 && (tile.Grid.Size.Is2D || tiles.Z > 1));
        if (everyAxisHasNeighbours)
            Assert.Equal(directions.Order(), used);
        else
            Assert.Subset(directions.ToHashSet(), used.ToHashSet());
    }
}
