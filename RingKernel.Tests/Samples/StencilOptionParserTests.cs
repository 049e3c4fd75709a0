using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Stencils;

namespace RingKernel.Tests.Samples;

public class StencilOptionParserTests
{
    private static readonly StencilSampleSpec Heat = new(
        "heat", 2, DefaultSize: 64, DefaultSteps: 10, DefaultOutput: "heat.png",
        [
            new StencilEngine("grid", "one tile", (tiles, halo) => tiles.TileCount == 1 ? null : "it runs one tile, so --tiles must be 1"),
            new StencilEngine("tiled", "many tiles", (tiles, halo) => null),
        ]);

    private static readonly StencilSampleSpec Wave = Heat with { ProgramName = "wave", Dimensions = 3 };

    [Fact]
    public void Defaults_fill_what_is_not_given()
    {
        StencilOptions options = StencilOptionParser.Parse([], Heat);
        Assert.Equal("cpu", options.Backend);
        Assert.Equal("grid", options.Engine.Name);
        Assert.Equal(GridSize.Square(64), options.Size);
        Assert.Equal(1, options.Tiles.TileCount);
        Assert.Equal((10, 1, BoundaryKind.Fixed, "heat.png"), (options.Steps, options.Halo, options.Boundary, options.Output));
    }

    [Fact]
    public void Every_option_is_read_in_both_spellings()
    {
        StencilOptions options = StencilOptionParser.Parse(
            ["--backend", "vulkan", "--engine=tiled", "--size", "96x48", "--tiles=4x2", "--steps", "7", "--halo", "3", "--boundary", "periodic", "--output", "out/x.png"], Heat);
        Assert.Equal("vulkan", options.Backend);
        Assert.Equal("tiled", options.Engine.Name);
        Assert.Equal(new GridSize(96, 48), options.Size);
        Assert.Equal(new Dim3(4, 2), options.Tiles.Tiles);
        Assert.Equal((7, 3, BoundaryKind.Periodic, "out/x.png"), (options.Steps, options.Halo, options.Boundary, options.Output));

        StencilOptions cube = StencilOptionParser.Parse(["--size", "32", "--tiles", "2x1x4", "--engine", "tiled"], Wave);
        Assert.Equal(GridSize.Cube(32), cube.Size);
        Assert.Equal(new Dim3(2, 1, 4), cube.Tiles.Tiles);
    }

    [Theory]
    [InlineData("--tiles 3", "--tiles 3: 3 tiles along X do not divide the 64 cells of the 64x64 grid; use a divisor of 64 (1, 2, 4, 8, 16, 32, 64).")]
    [InlineData("--steps 0", "--steps must be at least 1; got 0")]
    [InlineData("--steps -3", "--steps must be at least 1; got -3")]
    [InlineData("--steps many", "--steps 'many' is not a whole number")]
    [InlineData("--backend opencl", "unknown backend 'opencl'; use cpu, vulkan, cuda, metal")]
    [InlineData("--engine warp", "unknown engine 'warp'; heat has grid, tiled")]
    [InlineData("--tiles 2", "engine 'grid': it runs one tile, so --tiles must be 1")]
    [InlineData("--engine tiled --tiles 8 --halo 9", "--halo 9: A halo of 9 cells is wider than the 8x8 tiles of the 64x64 grid allow; at most 8.")]
    [InlineData("--halo 0", "--halo must be at least 1; got 0")]
    [InlineData("--size 0", "--size '0' is not N or WxH with whole numbers of at least 1")]
    [InlineData("--size 4x4x4", "--size '4x4x4' is not N or WxH")]
    [InlineData("--boundary open", "unknown boundary 'open'; use fixed or periodic")]
    [InlineData("--output field.bmp", "--output 'field.bmp' must name a .png file")]
    [InlineData("--frobnicate 1", "unknown option '--frobnicate'; options are --backend, --engine, --size, --tiles, --steps, --halo, --boundary, --output, --no-tile-borders, --checkpoints, --metrics")]
    [InlineData("--steps", "--steps needs a value")]
    [InlineData("--steps 2 --steps 3", "--steps is given twice")]
    [InlineData("--no-tile-borders=yes", "--no-tile-borders takes no value")]
    [InlineData("--no-tile-borders --no-tile-borders", "--no-tile-borders is given twice")]
    [InlineData("--metrics=on", "--metrics takes no value")]
    [InlineData("steps", "unexpected argument 'steps'; options are --backend, --engine, --size, --tiles, --steps, --halo, --boundary, --output, --no-tile-borders, --checkpoints, --metrics")]
    public void Bad_options_give_one_line_errors(string commandLine, string message)
    {
        OptionException error = Assert.Throws<OptionException>(() => StencilOptionParser.Parse(commandLine.Split(' '), Heat));
        Assert.Equal(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static readonly StencilSampleSpec HeatWithTiles = Heat with
    {
        Engines = [Heat.Engines[0], TiledEngineRules.Engine],
    };

    [Fact]
    public void The_tiles_engine_takes_any_tiling_and_halo_the_tile_grid_allows()
    {
        StencilOptions options = StencilOptionParser.Parse(["--engine", "tiles", "--tiles", "4x2", "--halo", "3", "--boundary", "periodic"], HeatWithTiles);
        Assert.Equal(("tiles", new Dim3(4, 2), 3), (options.Engine.Name, options.Tiles.Tiles, options.Halo));

        StencilOptions cube = StencilOptionParser.Parse(["--engine", "tiles", "--size", "24", "--tiles", "3x2x4", "--halo", "3"], HeatWithTiles with { Dimensions = 3 });
        Assert.Equal((new Dim3(3, 2, 4), 3), (cube.Tiles.Tiles, cube.Halo));
    }

    [Theory]
    [InlineData("--engine tiles --tiles 64x32", "engine 'tiles': each tile is a kernel actor with its own rings and inboxes, and 2048 tiles are more than 1024; use fewer tiles")]
    [InlineData("--engine tiles --tiles 4x16 --halo 5", "--halo 5: A halo of 5 cells is wider than the 16x4 tiles of the 64x64 grid allow; at most 4.")]
    [InlineData("--engine tiles --tiles 5", "--tiles 5: 5 tiles along X do not divide the 64 cells of the 64x64 grid; use a divisor of 64 (1, 2, 4, 8, 16, 32, 64).")]
    public void The_tiles_engine_refuses_what_the_tile_grid_does_not_allow_in_one_line(string commandLine, string message)
    {
        OptionException error = Assert.Throws<OptionException>(() => StencilOptionParser.Parse(commandLine.Split(' '), HeatWithTiles));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(2, 512, 512)]
    [InlineData(2, 512, 4)]
    [InlineData(2, 64, 7)]
    [InlineData(3, 32, 32)]
    [InlineData(3, 16, 3)]
    public void Without_tiles_or_halo_the_tiles_engine_cuts_one_slab_per_core_across_the_outermost_axis(int dimensions, int width, int outer)
    {
        string size = dimensions == 2 ? $"{width}x{outer}" : $"{width}x{width}x{outer}";
        StencilOptions options = StencilOptionParser.Parse(["--engine", "tiles", "--size", size], HeatWithTiles with { Dimensions = dimensions });

        // The most slabs, at most one per core, that divide the outermost axis; the halo as wide as the default or the slabs allow.
        int slabs = Enumerable.Range(1, Math.Min(Environment.ProcessorCount, outer)).Last(n => outer % n == 0);
        Assert.Equal(dimensions == 2 ? new Dim3(1, slabs) : new Dim3(1, 1, slabs), options.Tiles.Tiles);
        int defaultHalo = dimensions == 2 ? TiledEngineRules.DefaultHalo2D : TiledEngineRules.DefaultHalo3D;
        Assert.Equal(Math.Min(defaultHalo, Math.Min(width, outer / slabs)), options.Halo);
    }

    [Fact]
    public void A_2d_grid_far_larger_than_the_cache_is_cut_into_slabs_that_each_fit_it()
    {
        StencilOptions options = StencilOptionParser.Parse(["--engine", "tiles", "--size", "4096x4096"], HeatWithTiles);
        int slabs = options.Tiles.Tiles.Y;
        int rows = 4096 / slabs;
        Assert.Equal(new Dim3(1, slabs), options.Tiles.Tiles);
        Assert.Equal(TiledEngineRules.DefaultHalo2D, options.Halo);
        Assert.True(slabs > Math.Min(2, Environment.ProcessorCount), $"{slabs} slabs of 64 MiB levels");
        Assert.True(2L * 4096 * rows * sizeof(float) <= TiledEngineRules.TileCacheBytes, $"{slabs} slabs of {rows} rows");
        Assert.True(slabs <= Environment.ProcessorCount || rows >= TiledEngineRules.MinSlabHalos * TiledEngineRules.DefaultHalo2D, $"{slabs} slabs of {rows} rows");
    }

    [Fact]
    public void A_3d_grid_one_cell_deep_runs_on_the_grid_engine_and_is_refused_by_the_tiles_engine()
    {
        StencilSampleSpec wave = HeatWithTiles with { Dimensions = 3 };
        Assert.Equal(new GridSize(8, 8, 1), StencilOptionParser.Parse(["--engine", "grid", "--size", "8x8x1"], wave).Size);
        OptionException error = Assert.Throws<OptionException>(() => StencilOptionParser.Parse(["--engine", "tiles", "--size", "8x8x1"], wave));
        Assert.Equal("--size 8x8x1: engine 'tiles' tiles a 3D grid at least 2 cells deep (one plane would be tiled as a 2D grid); use --engine grid", error.Message);
    }

    [Fact]
    public void Tiles_along_z_are_checked_for_3d_grids()
    {
        OptionException error = Assert.Throws<OptionException>(() => StencilOptionParser.Parse(["--size", "16x16x12", "--tiles", "1x1x5", "--engine", "tiled"], Wave));
        Assert.Equal("--tiles 1x1x5: 5 tiles along Z do not divide the 12 cells of the 16x16x12 grid; use a divisor of 12 (1, 2, 3, 4, 6, 12).", error.Message);
    }

    [Fact]
    public void Checkpoints_are_off_unless_asked_for()
    {
        Assert.False(StencilOptionParser.Parse(["--engine", "tiled"], Heat).Checkpoints);
        Assert.True(StencilOptionParser.Parse(["--checkpoints", "--engine", "tiled"], Heat).Checkpoints);
        Assert.Contains("--checkpoints", StencilOptionParser.Usage(Heat), StringComparison.Ordinal);
    }

    [Fact]
    public void Tile_borders_are_drawn_unless_turned_off()
    {
        Assert.True(StencilOptionParser.Parse(["--engine", "tiled", "--tiles", "2"], Heat).TileBorders);
        StencilOptions options = StencilOptionParser.Parse(["--engine", "tiled", "--no-tile-borders", "--tiles", "2"], Heat);
        Assert.False(options.TileBorders);
        Assert.Equal(new Dim3(2, 2), options.Tiles.Tiles);
    }

    [Fact]
    public void Metrics_are_shown_only_when_asked_for()
    {
        Assert.False(StencilOptionParser.Parse(["--steps", "3"], Heat).Metrics);
        Assert.True(StencilOptionParser.Parse(["--metrics", "--steps", "3"], Heat).Metrics);
    }

    [Fact]
    public void Usage_names_every_option_and_engine_and_what_happens_to_missing_directories()
    {
        string usage = StencilOptionParser.Usage(Heat);
        foreach (string option in new[] { "--backend", "--engine", "--size", "--tiles", "--steps", "--halo", "--boundary", "--output", "--no-tile-borders", "--metrics", "grid: one tile", "tiled: many tiles", "missing parent directories are created" })
            Assert.Contains(option, usage, StringComparison.Ordinal);
        Assert.True(StencilOptionParser.WantsHelp(["--size", "4", "--help"]));
    }
}
