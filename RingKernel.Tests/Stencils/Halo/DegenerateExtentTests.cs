using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using static RingKernel.Tests.Stencils.StencilFieldsForTests;

namespace RingKernel.Tests.Stencils.Halo;

/// <summary>
/// Grids and tiles one cell thick along an axis: the tiled engines equal the reference bit for bit
/// for every halo the tiling allows; a 3D grid one cell deep is refused (the grid engines run it).
/// </summary>
public class DegenerateExtentTests(TileActorSystem actors) : IClassFixture<TileActorSystem>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string, string> Heat2D()
    {
        var data = new TheoryData<string, string, string>();
        foreach ((string size, string tiles) in new[] { ("1x8", "1x1"), ("8x1", "1x1"), ("1x8", "1x4"), ("8x1", "4x1"), ("1x1", "1x1"), ("8x4", "8x1"), ("8x4", "1x4"), ("8x4", "8x4") })
        {
            foreach (string boundary in new[] { "periodic", "fixed" })
                data.Add(size, tiles, boundary);
        }

        return data;
    }

    public static TheoryData<string, string, string> Wave3D()
    {
        var data = new TheoryData<string, string, string>();
        foreach ((string size, string tiles) in new[]
        {
            ("6x1x6", "1x1x1"), ("1x6x6", "1x1x1"), ("1x6x6", "1x2x3"), ("1x1x2", "1x1x2"),
            ("6x6x6", "6x1x1"), ("6x6x6", "1x6x1"), ("6x6x6", "1x1x6"), ("4x4x4", "2x2x4"), ("4x4x4", "4x4x4"),
        })
        {
            foreach (string boundary in new[] { "periodic", "fixed" })
                data.Add(size, tiles, boundary);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Heat2D))]
    public async Task Heat_tiles_one_cell_thick_equal_the_reference_for_every_halo(string sizeText, string tilesText, string boundary)
    {
        var size = new GridSize(Axis(sizeText, 0), Axis(sizeText, 1));
        var equation = new HeatEquation2D(size, 0.2f, Boundary(boundary));
        TileGrid grid = TileGrid.Create(size, new Dim3(Axis(tilesText, 0), Axis(tilesText, 1)));
        for (int halo = 1; halo <= grid.MaxHaloWidth; halo++)
        {
            float[] initial = Random(size, seed: halo);
            await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(), equation, grid, halo, initial).WaitAsync(Limit);
            await tiled.RunStepsAsync(5).WaitAsync(Limit);
            float[] actual = new float[size.CellCount];
            await tiled.SnapshotAsync(actual).WaitAsync(Limit);

            HeatReference2D.Run(equation, initial, 5);
            AssertBitwiseEqual(initial, actual, size);
        }
    }

    [Theory]
    [MemberData(nameof(Wave3D))]
    public async Task Wave_tiles_one_cell_thick_equal_the_reference_for_every_halo(string sizeText, string tilesText, string boundary)
    {
        var size = new GridSize(Axis(sizeText, 0), Axis(sizeText, 1), Axis(sizeText, 2));
        var equation = new WaveEquation3D(size, 0.3f, Boundary(boundary));
        TileGrid grid = TileGrid.Create(size, new Dim3(Axis(tilesText, 0), Axis(tilesText, 1), Axis(tilesText, 2)));
        for (int halo = 1; halo <= grid.MaxHaloWidth; halo++)
        {
            float[] previous = Random(size, seed: halo), current = Random(size, seed: halo + 10);
            await using TiledWave3D tiled = await TiledWave3D.StartAsync(actors.System, new CpuBackend(), equation, grid, halo, previous, current).WaitAsync(Limit);
            await tiled.RunStepsAsync(5).WaitAsync(Limit);
            float[] actualPrevious = new float[size.CellCount], actualCurrent = new float[size.CellCount];
            await tiled.SnapshotAsync(actualPrevious, actualCurrent).WaitAsync(Limit);

            WaveReference3D.Run(equation, previous, current, 5);
            AssertBitwiseEqual(previous, actualPrevious, size);
            AssertBitwiseEqual(current, actualCurrent, size);
        }
    }

    [Fact]
    public async Task A_wave_grid_one_cell_deep_is_refused_by_the_tiled_engine()
    {
        var size = new GridSize(6, 6, 1);
        var equation = new WaveEquation3D(size, 0.3f, StencilBoundary.Periodic);
        float[] field = Random(size, seed: 1);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TiledWave3D.StartAsync(actors.System, new CpuBackend(), equation, TileGrid.Create(size, new Dim3(1, 1, 1)), 1, field, field));
        Assert.Contains("has a depth of 1", error.Message, StringComparison.Ordinal);
    }

    private static int Axis(string text, int axis) => int.Parse(text.Split('x')[axis], System.Globalization.CultureInfo.InvariantCulture);
}
