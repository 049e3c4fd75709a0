using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Samples.Imaging;
using SkiaSharp;

namespace RingKernel.Tests.Samples;

/// <summary>The shared sample program end to end, with a simulation that records what the host asked of it.</summary>
public sealed class StencilSampleHostTests : IDisposable
{
    private static readonly StencilSampleSpec Spec = new(
        "fake", 2, DefaultSize: 16, DefaultSteps: 3, DefaultOutput: "fake.png",
        [new StencilEngine("tiles", "many tiles", (tiles, halo) => null)]);

    private readonly string _folder = Directory.CreateTempSubdirectory("ringkernel-host-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableTheory]
    [InlineData("/proc/ringkernel-field.png")]
    [InlineData("/sys/ringkernel-field.png")]
    [InlineData("{folder}/notes.txt/field.png")]
    [InlineData("{folder}/existing.png")]
    public void An_output_that_cannot_be_written_fails_in_one_line_with_code_2_before_the_simulation_starts(string path)
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs Linux's /proc and /sys");
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "a file, not a directory");
        Directory.CreateDirectory(Path.Combine(_folder, "existing.png"));
        path = path.Replace("{folder}", _folder, StringComparison.Ordinal);
        bool started = false;
        var output = new StringWriter();
        var error = new StringWriter();

        int code = StencilSampleHost.Run(["--output", path], Spec, _ => { started = true; return new RecordingSimulation(); }, output, error);

        Assert.Equal(2, code);
        Assert.False(started);
        Assert.Equal("", output.ToString());
        string[] lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"fake: --output '{path}': ", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_writes_the_picture_into_a_directory_it_creates()
    {
        string path = Path.Combine(_folder, "new", "deeper", "field.png");
        var simulation = new RecordingSimulation();
        var output = new StringWriter();

        int code = StencilSampleHost.Run(["--size", "16x8", "--tiles", "2", "--steps", "5", "--output", path], Spec, _ => simulation, output, new StringWriter());

        Assert.Equal(0, code);
        Assert.Equal(5, simulation.Steps);
        Assert.True(simulation.Disposed);
        using SKBitmap picture = SKBitmap.Decode(path);
        Assert.NotNull(picture);
        Assert.True(picture.Width >= 512 && picture.Height >= 256, $"{picture.Width}x{picture.Height}");
        Assert.Contains($"image: {path} (16x8 field, the recorded quantity, inferno colour map over [0, 127]", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_tile_borders_leaves_the_lines_out_of_the_picture()
    {
        string withBorders = Path.Combine(_folder, "borders.png"), without = Path.Combine(_folder, "plain.png");
        Assert.Equal(0, StencilSampleHost.Run(["--size", "16x8", "--tiles", "2", "--output", withBorders], Spec, _ => new RecordingSimulation(), new StringWriter(), new StringWriter()));
        Assert.Equal(0, StencilSampleHost.Run(["--size", "16x8", "--tiles", "2", "--no-tile-borders", "--output", without], Spec, _ => new RecordingSimulation(), new StringWriter(), new StringWriter()));

        // The caption names the borders only when they are drawn; over the field the pictures differ on the border lines.
        using SKBitmap a = SKBitmap.Decode(withBorders), b = SKBitmap.Decode(without);
        Assert.Equal(a.Width, b.Width);
        Assert.True(a.Height > b.Height, "the caption names the tile borders only when they are drawn");
        int differing = 0;
        for (int y = 0; y < b.Height - 60; y++)
        {
            for (int x = 0; x < a.Width; x++)
                differing += a.GetPixel(x, y) == b.GetPixel(x, y) ? 0 : 1;
        }

        // 2x2 tiles of 8x4 cells enlarged 32 times: one line across the 512-pixel field, one down its 256 pixels.
        Assert.Equal(512 + 256 - 1, differing);
    }

    [SkippableFact]
    public void Backend_metal_off_macOS_says_what_is_missing_in_one_line_and_exits_1_without_starting()
    {
        Skip.If(OperatingSystem.IsMacOS(), "this machine is a Mac, where Metal may run");
        StencilSampleSpec spec = Spec with { Backends = new Dictionary<string, Func<StencilOptions, string?>> { ["cpu"] = static _ => null, ["metal"] = MetalSampleBackend.Check } };
        bool started = false;
        var error = new StringWriter();

        int code = StencilSampleHost.Run(["--backend", "metal", "--output", Path.Combine(_folder, "metal.png")], spec, _ => { started = true; return new RecordingSimulation(); }, new StringWriter(), error);

        Assert.Equal(1, code);
        Assert.False(started);
        Assert.Equal($"fake: backend 'metal' is not available here: {RingKernel.Metal.MetalBackend.UnavailableReason}{Environment.NewLine}", error.ToString());
    }

    /// <summary>A 16x8 ramp from 0 to 127; counts the steps it is asked to run.</summary>
    private sealed class RecordingSimulation : IStencilSimulation, IDisposable
    {
        public string Description => "a recorded field";

        public string EngineDescription => "nothing computed";

        public long CellsPerStep => 128;

        public int Steps { get; private set; }

        public bool Disposed { get; private set; }

        public void RunSteps(int steps) => Steps += steps;

        public FieldPicture Picture() =>
            new([.. Enumerable.Range(0, 128).Select(i => (float)i)], 16, 8, ColorMap.Inferno, CentredOnZero: false, "the recorded quantity");

        public void Dispose() => Disposed = true;
    }
}
