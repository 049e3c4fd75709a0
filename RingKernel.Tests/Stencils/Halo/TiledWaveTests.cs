using RingKernel.Cpu;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using static RingKernel.Tests.Stencils.StencilFieldsForTests;

namespace RingKernel.Tests.Stencils.Halo;

/// <summary>The tiled 3D wave engine (one ring kernel per tile, halos over K2K) equals the single-grid reference bit for bit.</summary>
public class TiledWaveTests(TileActorSystem actors) : IClassFixture<TileActorSystem>
{
    private const float C2 = 0.3f;

    public static TheoryData<int, int, int, int, string> Tilings()
    {
        var data = new TheoryData<int, int, int, int, string>();
        foreach ((int x, int y, int z) in new[] { (1, 1, 1), (2, 2, 2), (3, 2, 1), (1, 2, 3) })
        {
            foreach (int halo in new[] { 1, 2 })
            {
                foreach (string boundary in new[] { "periodic", "fixed" })
                    data.Add(x, y, z, halo, boundary);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tilings))]
    public async Task Tiled_wave_equals_the_reference_bit_for_bit(int tilesX, int tilesY, int tilesZ, int halo, string boundary)
    {
        var size = GridSize.Cube(12);
        var equation = new WaveEquation3D(size, C2, Boundary(boundary));
        TileGrid grid = TileGrid.Create(size, new Dim3(tilesX, tilesY, tilesZ));
        float[] previous = Random(size, seed: tilesX + (10 * tilesY) + (100 * tilesZ));
        float[] current = Random(size, seed: halo);

        TiledStencilOptions options = halo == 2 ? new() { ChunkElements = 7, InboxCapacity = 2 } : new();
        await using TiledWave3D tiled = await TiledWave3D.StartAsync(actors.System, new CpuBackend(), equation, grid, halo, previous, current, options);
        await tiled.RunStepsAsync(5);
        Assert.Equal(7, await tiled.RunStepsAsync(2));
        float[] actualPrevious = new float[size.CellCount];
        float[] actualCurrent = new float[size.CellCount];
        await tiled.SnapshotAsync(actualPrevious, actualCurrent);

        WaveReference3D.Run(equation, previous, current, 7);
        AssertBitwiseEqual(previous, actualPrevious, size);
        AssertBitwiseEqual(current, actualCurrent, size);
        Assert.Equal(grid.TileCount * (halo == 1 ? 6 : 26), tiled.Engine.Routes.Count + (boundary == "fixed" ? MissingRoutes(grid, halo) : 0));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(-1, 1, 0)]
    [InlineData(0, -1, 1)]
    [InlineData(1, 0, -1)]
    [InlineData(-1, -1, -1)]
    public async Task A_cell_at_an_edge_or_corner_reaches_the_diagonal_tile_through_its_route(int stepX, int stepY, int stepZ)
    {
        // 3x3x3 tiles of 4³: a pulse in the centre tile's cell facing (stepX, stepY, stepZ) needs one
        // step per axis it crosses to reach the diagonal neighbour's nearest cell. With a halo of that
        // many cells it gets there within one epoch, so only through that direction's edge or corner chunk.
        int halo = Math.Abs(stepX) + Math.Abs(stepY) + Math.Abs(stepZ);
        var size = GridSize.Cube(12);
        var equation = new WaveEquation3D(size, C2, StencilBoundary.Fixed(0f));
        TileGrid grid = TileGrid.Create(size, new Dim3(3, 3, 3));
        static int Near(int step) => step < 0 ? 4 : step > 0 ? 7 : 5;
        static int Across(int step, int near) => step < 0 ? 3 : step > 0 ? 8 : near;
        float[] previous = new float[size.CellCount];
        float[] current = new float[size.CellCount];
        current[size.Index(Near(stepX), Near(stepY), Near(stepZ))] = 1f;

        await using TiledWave3D tiled = await TiledWave3D.StartAsync(actors.System, new CpuBackend(), equation, grid, halo, previous, current);
        int steps = halo;
        await tiled.RunStepsAsync(steps);
        float[] actualPrevious = new float[size.CellCount];
        float[] actualCurrent = new float[size.CellCount];
        await tiled.SnapshotAsync(actualPrevious, actualCurrent);

        WaveReference3D.Run(equation, previous, current, steps);
        AssertBitwiseEqual(previous, actualPrevious, size);
        AssertBitwiseEqual(current, actualCurrent, size);
        Assert.NotEqual(0f, actualCurrent[size.Index(Across(stepX, Near(stepX)), Across(stepY, Near(stepY)), Across(stepZ, Near(stepZ)))]);
    }

    [Fact]
    public void A_halo_chunk_fills_a_1024_byte_inbox_slot_with_its_message_header()
    {
        Assert.Equal(960, System.Runtime.CompilerServices.Unsafe.SizeOf<HaloChunk>());
        Assert.Equal(HaloChunk.Size, System.Runtime.CompilerServices.Unsafe.SizeOf<HaloChunk>());
        Assert.True(HaloChunk.Size + RingKernel.Layouts.MessageHeader.Size <= HaloChunk.InboxSlotSize);
    }

    /// <summary>The routes a fixed boundary leaves out: every step from a tile that leaves the grid.</summary>
    private static int MissingRoutes(TileGrid grid, int halo)
    {
        IReadOnlyList<K2KDirection> directions = halo == 1 ? K2KDirections.VonNeumann3D : K2KDirections.Moore3D;
        int missing = 0;
        for (int tile = 0; tile < grid.TileCount; tile++)
        {
            foreach (K2KDirection direction in directions)
            {
                if (!grid.TryGetNeighbour(grid.TileAt(tile), direction.Offset(), BoundaryKind.Fixed, out _))
                    missing++;
            }
        }

        return missing;
    }
}
