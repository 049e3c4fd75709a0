using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using static RingKernel.Tests.Stencils.StencilFieldsForTests;

namespace RingKernel.Tests.Stencils.Halo;

/// <summary>A tile kernel that faults is relaunched from its checkpoint, and the simulation still ends on the reference's bits.</summary>
public class TiledFaultTests(TileActorSystem actors) : IClassFixture<TileActorSystem>
{
    [Fact]
    public async Task Faulted_tiles_restart_from_their_checkpoints_and_the_field_stays_exact()
    {
        // 3x3 periodic tiles, halo 2: tile 4 faults before the exchange of step 6, tile 0 in the middle
        // of the epoch that starts at step 2 (before step 3), each once; both restart from the
        // checkpoint taken after their last exchange while their neighbours wait for them.
        var size = GridSize.Square(24);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(3, 3));
        float[] initial = Random(size, 21);
        var faults = new TileFaults([(4, 6), (0, 3)]);
        var options = new TiledStencilOptions { RestartFromCheckpoints = true, ChunkElements = 6, BeforeStep = faults.BeforeStep };
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(), equation, grid, 2, initial, options);
        await tiled.RunStepsAsync(4);
        await tiled.RunStepsAsync(9);
        await AssertMatchesHeatReferenceAsync(tiled, equation, initial, 13);
        Assert.Equal(2, tiled.Engine.Restarts);
        Assert.True(faults.HasThrown((4, 6)) && faults.HasThrown((0, 3)));
    }

    [Fact]
    public async Task Without_checkpoints_a_faulted_tile_ends_the_run_with_its_fault()
    {
        var size = GridSize.Square(16);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Fixed(0f));
        TileGrid grid = TileGrid.Create(size, new Dim3(2, 2));
        var options = new TiledStencilOptions { BeforeStep = new TileFaults([(3, 2)]).BeforeStep };
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(), equation, grid, 1, Random(size, 3), options);
        var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => tiled.RunStepsAsync(5).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("injected tile fault", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, tiled.Engine.Restarts);
    }
}
