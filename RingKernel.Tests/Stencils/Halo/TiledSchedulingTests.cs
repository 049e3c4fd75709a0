using RingKernel.Cpu;
using RingKernel.Cpu.RingKernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Persistent;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using static RingKernel.Tests.Stencils.StencilFieldsForTests;

namespace RingKernel.Tests.Stencils.Halo;

/// <summary>
/// Many tile kernels on few workers (the CPU backend's cooperative scheduling) or on a thread each:
/// the tiles wait for halos by returning and are resumed by their neighbours' doorbells, and every
/// tiling, halo width, boundary and worker count ends on the reference's bits, faults included.
/// </summary>
public class TiledSchedulingTests(TileActorSystem actors) : IClassFixture<TileActorSystem>
{
    /// <summary>The CPU backend, recording the placement each ring kernel is created with.</summary>
    private sealed class PlacementRecorder(CpuBackend inner) : ITiledStencilBackend
    {
        public List<(int Tile, RingKernelPlacement Placement)> Created { get; } = [];

        public string Name => inner.Name;

        public bool IsAvailable => inner.IsAvailable;

        public string? UnavailableReason => inner.UnavailableReason;

        public IMemorySpace MemorySpace => inner.MemorySpace;

        public KernelDefinition<TileGroup> TileKernel => inner.TileKernel;

        public IReadOnlyList<TileGroup> GroupTiles(IReadOnlyList<StencilTile> tiles) => inner.GroupTiles(tiles);

        public Task DispatchAsync<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, CancellationToken cancellationToken = default) =>
            inner.DispatchAsync(kernel, args, cancellationToken);

        public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory) =>
            throw new InvalidOperationException("The tiled engine places every tile kernel.");

        public IRingKernel CreateRingKernel<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, RingKernelMemory memory, RingKernelPlacement placement)
        {
            lock (Created)
                Created.Add((((StencilTile)(object)args!).Index, placement));
            return inner.CreateRingKernel(kernel, args, memory, placement);
        }
    }

    public static TheoryData<int, int, string, int> ManyTiles()
    {
        var data = new TheoryData<int, int, string, int>();
        foreach (int halo in new[] { 1, 2, 4 })
        {
            foreach (string boundary in new[] { "periodic", "fixed" })
            {
                foreach (int workers in new[] { 1, 2 })
                    data.Add(8, halo, boundary, workers);
            }
        }

        data.Add(5, 3, "periodic", 1);
        return data;
    }

    [Theory]
    [MemberData(nameof(ManyTiles))]
    public async Task Many_tiles_on_few_workers_equal_the_reference_bit_for_bit(int tilesPerSide, int halo, string boundary, int workers)
    {
        // 8x8 tiles of 4x4 cells (5x5 of 4x4 with halo 3): tens of tile kernels on one or two worker threads.
        var size = GridSize.Square(4 * tilesPerSide);
        var equation = new HeatEquation2D(size, 0.19f, Boundary(boundary));
        TileGrid grid = TileGrid.Create(size, new Dim3(tilesPerSide, tilesPerSide));
        float[] initial = Random(size, seed: (halo * 10) + workers);
        TiledStencilOptions options = halo == 2 ? new() { ChunkElements = 3, InboxCapacity = 2 } : new() { InboxCapacity = 2 };
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(workers), equation, grid, halo, initial, options);
        await tiled.RunStepsAsync(9);
        Assert.Equal(21, await tiled.RunStepsAsync(12));
        await AssertMatchesHeatReferenceAsync(tiled, equation, initial, 21);
        Assert.Equal(tilesPerSide * tilesPerSide, tiled.Engine.GroupActors.Count);
        Assert.Equal(0, tiled.Engine.Restarts);
    }

    [Theory]
    [InlineData(1, "periodic")]
    [InlineData(2, "fixed")]
    public async Task Tiles_on_dedicated_threads_equal_the_reference_bit_for_bit(int halo, string boundary)
    {
        var size = GridSize.Square(16);
        var equation = new HeatEquation2D(size, 0.19f, Boundary(boundary));
        TileGrid grid = TileGrid.Create(size, new Dim3(4, 2));
        float[] initial = Random(size, seed: halo);
        var backend = new CpuBackend(2) { RingKernelScheduling = CpuRingKernelScheduling.DedicatedThreads };
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, backend, equation, grid, halo, initial, new() { ChunkElements = 5, InboxCapacity = 2 });
        await tiled.RunStepsAsync(11);
        await AssertMatchesHeatReferenceAsync(tiled, equation, initial, 11);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Wave_tiles_on_one_worker_equal_the_reference_bit_for_bit(int halo)
    {
        var size = GridSize.Cube(12);
        var equation = new WaveEquation3D(size, 0.3f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(3, 2, 2));
        float[] previous = Random(size, seed: 5), current = Random(size, seed: 6);
        await using TiledWave3D tiled = await TiledWave3D.StartAsync(actors.System, new CpuBackend(1), equation, grid, halo, previous, current, new() { ChunkElements = 17, InboxCapacity = 2 });
        await tiled.RunStepsAsync(6);
        float[] actualPrevious = new float[size.CellCount], actualCurrent = new float[size.CellCount];
        await tiled.SnapshotAsync(actualPrevious, actualCurrent);

        WaveReference3D.Run(equation, previous, current, 6);
        AssertBitwiseEqual(previous, actualPrevious, size);
        AssertBitwiseEqual(current, actualCurrent, size);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Tiles_that_keep_filling_each_others_inboxes_never_lose_a_doorbell(int halo)
    {
        // Two tiles on two workers, one float per chunk and inboxes of two: every epoch each tile
        // fills its neighbour's inbox over and over while the neighbour drains it, so a ring lost
        // between a receiver's look at its inbox and a sender finding it full (or a sender's send
        // and a receiver starting its slice) stalls both tiles for good.
        var size = new GridSize(48, 16);
        var equation = new HeatEquation2D(size, 0.19f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(1, 2));
        float[] initial = Random(size, seed: 17 + halo);
        var options = new TiledStencilOptions { ChunkElements = 1, InboxCapacity = 2, Checksummed = false };
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(2), equation, grid, halo, initial, options);
        const int Steps = 1_200;
        for (int done = 0; done < Steps; done += 100)
            await tiled.RunStepsAsync(100).WaitAsync(TimeSpan.FromSeconds(30));
        await AssertMatchesHeatReferenceAsync(tiled, equation, initial, Steps);
    }

    [Fact]
    public async Task Tile_kernels_are_placed_by_tile_number_and_a_restarted_one_keeps_its_place()
    {
        // Neighbouring tiles are close in number, so the workers each run one band of rows.
        var size = GridSize.Square(16);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(4, 4));
        float[] initial = Random(size, 7);
        var faults = new TileFaults([(9, 3)]);
        var options = new TiledStencilOptions { RestartFromCheckpoints = true, InboxCapacity = 2, BeforeStep = faults.BeforeStep };
        var backend = new PlacementRecorder(new CpuBackend(2));
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, backend, equation, grid, 2, initial, options);
        await tiled.RunStepsAsync(6);
        await AssertMatchesHeatReferenceAsync(tiled, equation, initial, 6);
        Assert.Equal(1, tiled.Engine.Restarts);
        Assert.Equal(1, faults.Thrown);
        // The tile actors start concurrently: each tile's kernel is created with its own number, tile 9's twice.
        Assert.Equal(
            [.. Enumerable.Range(0, 16).SelectMany(t => Enumerable.Repeat((t, new RingKernelPlacement(t, 16)), t == 9 ? 2 : 1))],
            backend.Created.OrderBy(created => created.Tile));
    }

    [Fact]
    public async Task Faulted_tiles_on_one_worker_restart_from_their_checkpoints_and_the_field_stays_exact()
    {
        // 4x4 tiles, halo 2, one worker: three tiles fault once each, at an exchange and mid-epoch,
        // while their neighbours wait for them without holding the worker.
        var size = GridSize.Square(16);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(4, 4));
        float[] initial = Random(size, 33);
        var faults = new TileFaults([(5, 4), (10, 7), (15, 2)]);
        var options = new TiledStencilOptions { RestartFromCheckpoints = true, InboxCapacity = 2, BeforeStep = faults.BeforeStep };
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(1), equation, grid, 2, initial, options);
        await tiled.RunStepsAsync(5);
        await tiled.RunStepsAsync(6);
        await AssertMatchesHeatReferenceAsync(tiled, equation, initial, 11);
        Assert.Equal(3, tiled.Engine.Restarts);
        Assert.Equal(3, faults.Thrown);
    }
}
