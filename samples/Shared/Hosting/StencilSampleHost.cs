using System.Globalization;
using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Imaging;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// The program both stencil samples share: parse the command line, refuse what cannot run (an
/// output file that cannot be written included) before computing anything, drive the simulation
/// with progress, write the picture and print a summary with Mcells/s.
/// Exit codes: 0 done, 1 the backend is not available here, 2 a bad command line, 3 a kernel faulted
/// and was not restarted (the run stops; one line says which and why).
/// </summary>
public static class StencilSampleHost
{
    /// <param name="args">The command line.</param>
    /// <param name="spec">The sample's defaults and engines.</param>
    /// <param name="create">Starts the simulation the options describe.</param>
    /// <param name="output">Where progress and the summary go (the console by default).</param>
    /// <param name="error">Where the one-line reason for a refusal goes (the console's error stream by default).</param>
    public static int Run(string[] args, StencilSampleSpec spec, Func<StencilOptions, IStencilSimulation> create, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(create);
        output ??= Console.Out;
        error ??= Console.Error;
        if (StencilOptionParser.WantsHelp(args))
        {
            output.WriteLine(StencilOptionParser.Usage(spec));
            return 0;
        }

        StencilOptions options;
        try
        {
            options = StencilOptionParser.Parse(args, spec);
            OutputFile.Prepare(options.Output);
        }
        catch (OptionException ex)
        {
            error.WriteLine($"{spec.ProgramName}: {ex.Message} (see --help)");
            return 2;
        }

        if (!spec.Backends.TryGetValue(options.Backend, out Func<StencilOptions, string?>? check))
        {
            error.WriteLine($"{spec.ProgramName}: backend '{options.Backend}' is not available: this sample's kernels exist for the {ListOf(spec.Backends.Keys)} backends only; run with --backend cpu");
            return 1;
        }

        if (check(options) is { } unavailable)
        {
            error.WriteLine($"{spec.ProgramName}: backend '{options.Backend}' is not available here: {unavailable}");
            return 1;
        }

        // Listening before the simulation starts: its kernels' first launches are counted too.
        using MetricsBoard? metrics = options.Metrics ? new MetricsBoard() : null;
        IStencilSimulation simulation;
        try
        {
            simulation = create(options);
        }
        catch (RingKernel.Backends.BackendUnavailableException ex)
        {
            error.WriteLine($"{spec.ProgramName}: backend '{options.Backend}' is not available here: {ex.Message}");
            return 1;
        }

        output.WriteLine($"{spec.ProgramName}: {simulation.Description}");
        output.WriteLine($"engine {options.Engine.Name} on backend {options.Backend}: {simulation.EngineDescription}");

        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;
        TimeSpan elapsed;
        try
        {
            elapsed = SimulationProgress.Run(options.Steps, simulation.RunSteps, output, interactive, simulation.ProgressLabel, metrics);
        }
        catch (RingKernel.Kernels.Persistent.KernelFaultedException ex)
        {
            (simulation as IDisposable)?.Dispose();
            error.WriteLine($"{spec.ProgramName}: the run stopped: {ex.Message}{(options.Checkpoints ? "" : " (with --checkpoints the tiles engine restarts a faulted tile from its last exchange)")}");
            return 3;
        }

        if (metrics is not null && !interactive)
            metrics.Write(output, SimulationProgress.Title(options.Steps, options.Steps));

        FieldPicture picture = simulation.Picture();
        string? summary = simulation.Summary;
        (simulation as IDisposable)?.Dispose();
        FieldFigure figure = Figure(spec, options, simulation, picture);
        figure.WritePng(options.Output);

        double cellUpdates = (double)simulation.CellsPerStep * options.Steps;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Steps} steps of {simulation.CellsPerStep:N0} cells in {elapsed.TotalSeconds:0.000} s: {cellUpdates / elapsed.TotalSeconds / 1e6:0.0} Mcells/s"));
        if (summary is not null)
            output.WriteLine(summary);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"image: {Path.GetFullPath(options.Output)} ({picture.Width}x{picture.Height} field, {picture.Caption}, {picture.Map} colour map over [{figure.Low:G4}, {figure.High:G4}], with colour bar and caption)"));
        return 0;
    }

    /// <summary>The picture of the run: the field with its colour bar, what it shows and how it was computed, and the tile borders of a tiled run unless turned off.</summary>
    private static FieldFigure Figure(StencilSampleSpec spec, StencilOptions options, IStencilSimulation simulation, FieldPicture picture)
    {
        (float low, float high) = FieldImage.Scale(picture.Plane, picture.CentredOnZero);
        Dim3 tiles = options.Tiles.Tiles;
        bool borders = options.TileBorders && (tiles.X > 1 || tiles.Y > 1);
        List<string> caption = spec.Equation.Length > 0 ? [spec.Equation] : [];
        caption.Add(string.Create(CultureInfo.InvariantCulture, $"{simulation.Description}, {options.Steps:N0} steps"));
        caption.Add($"engine {options.Engine.Name} on backend {options.Backend}: {simulation.EngineDescription}");
        if (borders)
            caption.Add($"faint lines: the borders of the {tiles.X}x{tiles.Y} tiles (--no-tile-borders leaves them out)");
        return new FieldFigure(picture.Plane, picture.Width, picture.Height, picture.Map, low, high, string.Create(CultureInfo.InvariantCulture, $"{spec.ProgramName}: {picture.Caption} after {options.Steps:N0} steps"), caption)
        {
            TileBorders = borders ? (tiles.X, tiles.Y) : (1, 1),
        };
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    private static string ListOf(IEnumerable<string> names)
    {
        string[] all = [.. names];
        return all.Length <= 1 ? string.Concat(all) : $"{string.Join(", ", all[..^1])} and {all[^1]}";
    }
}
