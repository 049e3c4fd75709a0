using System.Runtime.InteropServices;
using RingKernel.Cuda.Halo;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Tests.Stencils.Halo;
using RingKernel.Tests.Vulkan;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The tiled engine on CUDA: every tile a block of one kernel actor's cooperative launches, trading a
/// one-cell halo every step through K2K inboxes in mapped memory, ends equal to the single-grid
/// reference bit for bit, with every face route carrying exactly its chunks; a chunk of another step
/// faults the group, which stops or, with checkpoints, restarts and ends on the reference's bits.
/// </summary>
public sealed class CudaTiledStencilTests(TileActorSystem actors) : IClassFixture<TileActorSystem>
{
    [SkippableTheory]
    [InlineData(96, 64, 3, 4, 1, BoundaryKind.Periodic, 232)]
    [InlineData(96, 64, 3, 4, 2, BoundaryKind.Fixed, 232)]
    [InlineData(600, 8, 2, 2, 3, BoundaryKind.Periodic, 50)]
    [InlineData(40, 40, 1, 1, 1, BoundaryKind.Fixed, 7)]
    public async Task Heat_tiles_as_blocks_of_one_kernel_actor_end_bit_for_bit_on_the_reference(int width, int height, int tilesX, int tilesY, int halo, BoundaryKind boundaryKind, int chunkElements)
    {
        CudaFacts.SkipUnlessAvailable();
        StencilBoundary boundary = boundaryKind == BoundaryKind.Fixed ? StencilBoundary.Fixed(0.625f) : StencilBoundary.Periodic;
        var equation = new HeatEquation2D(new GridSize(width, height), 0.21f, boundary);
        float[] field = VulkanHeatTests.RandomField(equation.Size, width + height + halo);
        float[] reference = (float[])field.Clone();
        const int steps = 30;
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, CudaFacts.Backend, equation, TileGrid.Create(equation.Size, new Dim3(tilesX, tilesY)), halo, field, new TiledStencilOptions { ChunkElements = chunkElements });

        // The second run starts mid-way through an epoch of the first.
        await tiled.RunStepsAsync(13);
        await tiled.RunStepsAsync(steps - 13);
        await tiled.SnapshotAsync(field);
        HeatReference2D.Run(equation, reference, steps);

        VulkanWaveTests.AssertBitEqual(reference, field, equation.Size, $"heat after {steps} steps");
        Assert.IsType<CudaTileGroup>(Assert.Single(tiled.Engine.Groups));
        GridSize tile = tiled.Engine.Tiles[0].Layout.TileSize;
        foreach (K2KRoute route in tiled.Engine.Routes.Where(route => route.Route < 4))
        {
            int strip = route.Route < 2 ? tile.Height : tile.Width;
            ulong chunks = (ulong)(steps * ((strip + chunkElements - 1) / chunkElements));
            Assert.Equal(chunks + K2KRoute.FirstSequence, route.NextSequence);
            Assert.Equal(0, route.Pending);
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_chunk_of_another_step_faults_the_group_which_stops_or_restarts_from_its_checkpoint(bool restart)
    {
        CudaFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(16, 16), 0.2f, StencilBoundary.Periodic);
        float[] field = VulkanHeatTests.RandomField(equation.Size, 5);
        float[] reference = (float[])field.Clone();
        TiledHeat2D? tiled = null;
        bool tampered = false;
        var options = new TiledStencilOptions
        {
            RestartFromCheckpoints = restart,
            BeforeStep = (_, step) =>
            {
                if (step != 2 || tampered)
                    return;
                tampered = true;
                // Tile 0's XPlus route lands in tile 1's XMinus inbox: a chunk of step 7 waits there when step 2's launch starts.
                byte[] chunk = new byte[HaloMessageHeader.Size + (8 * sizeof(float))];
                var header = new HaloMessageHeader { Step = 7, Direction = (uint)K2KDirection.XPlus, HaloWidth = 1, ElementCount = 8, ChunkCount = 1 };
                MemoryMarshal.Write(chunk, in header);
                Assert.True(tiled!.Engine.Fabric.Endpoint(0).TrySendBytes((int)K2KDirection.XPlus, HaloChunk.TypeId, chunk));
            },
        };
        tiled = await TiledHeat2D.StartAsync(actors.System, CudaFacts.Backend, equation, TileGrid.Create(equation.Size, new Dim3(2, 2)), 1, field, options);
        await using (tiled)
        {
            if (restart)
            {
                await tiled.RunStepsAsync(6);
                await tiled.SnapshotAsync(field);
                HeatReference2D.Run(equation, reference, 6);
                VulkanWaveTests.AssertBitEqual(reference, field, equation.Size, "heat after a restart from the checkpoint");
                Assert.Equal(1, tiled.Engine.Restarts);
                return;
            }

            var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => tiled.RunStepsAsync(6));
            var epoch = Assert.IsType<HaloEpochException>(fault.InnerException);
            Assert.Contains("Tile 1 receiving the halo of step 2 on inbox 0 (XMinus)", epoch.Message, StringComparison.Ordinal);
            Assert.Contains("is for step 7", epoch.Message, StringComparison.Ordinal);
            Assert.Equal(2, tiled.Engine.Groups[0].StepsDone);
        }
    }

    [SkippableFact]
    public void Wave_tiles_are_refused_with_the_equation_named()
    {
        CudaFacts.SkipUnlessAvailable();
        var equation = new WaveEquation3D(GridSize.Cube(8), 0.2f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(equation.Size, new Dim3(2, 2, 2));
        var tiles = Enumerable.Range(0, grid.TileCount).Select(i => (StencilTile)new WaveTile3D(equation, grid, i, 1, new float[equation.Size.CellCount], new float[equation.Size.CellCount])).ToList();
        var refused = Assert.Throws<NotSupportedException>(() => CudaFacts.Backend.GroupTiles(tiles));
        Assert.Contains("WaveTile3D", refused.Message, StringComparison.Ordinal);
    }
}
