using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Samples.Imaging;

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
