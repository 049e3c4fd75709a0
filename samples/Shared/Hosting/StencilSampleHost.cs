using System.Globalization;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Imaging;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// The program both stencil samples share: parse the command line, refuse what cannot run, drive
/// the simulation with progress, write the PNG and print a summary with Mcells/s.
/// Exit codes: 0 done, 1 the backend is not available here, 2 a bad command line.
/// </summary>
public static class StencilSampleHost
{
    /// <param name="args">The command line.</param>
    /// <param name="spec">The sample's defaults and engines.</param>
    /// <param name="create">Starts the simulation the options describe.</param>
    /// <param name="backends">Backends besides cpu that the sample runs on: each says why it cannot run the options here (one line), or null when it can.</param>
    public static int Run(string[] args, StencilSampleSpec spec, Func<StencilOptions, IStencilSimulation> create, IReadOnlyDictionary<string, Func<StencilOptions, string?>>? backends = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(create);
        if (StencilOptionParser.WantsHelp(args))
        {
            Console.WriteLine(StencilOptionParser.Usage(spec));
            return 0;
        }

        StencilOptions options;
        try
        {
            options = StencilOptionParser.Parse(args, spec);
        }
        catch (OptionException ex)
        {
            Console.Error.WriteLine($"{spec.ProgramName}: {ex.Message} (see --help)");
            return 2;
        }

        if (backends is not null && backends.TryGetValue(options.Backend, out Func<StencilOptions, string?>? check))
        {
            if (check(options) is { } reason)
            {
                Console.Error.WriteLine($"{spec.ProgramName}: backend '{options.Backend}' is not available: {reason}");
                return 1;
            }
        }
        else if (options.Backend != "cpu")
        {
            Console.Error.WriteLine($"{spec.ProgramName}: backend '{options.Backend}' is not available: this sample's kernels exist for the cpu backend only; run with --backend cpu");
            return 1;
        }

        IStencilSimulation simulation = create(options);
        TextWriter output = Console.Out;
        output.WriteLine($"{spec.ProgramName}: {simulation.Description}");
        output.WriteLine($"engine {options.Engine.Name} on backend {options.Backend}: {simulation.EngineDescription}");

        bool interactive = !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;
        TimeSpan elapsed = SimulationProgress.Run(options.Steps, simulation.RunSteps, output, interactive);

        FieldPicture picture = simulation.Picture();
        (simulation as IDisposable)?.Dispose();
        (float min, float max) = FieldImage.Range(picture.Plane);
        (float low, float high) = picture.CentredOnZero ? (-Math.Max(Math.Abs(min), Math.Abs(max)), Math.Max(Math.Abs(min), Math.Abs(max))) : (min, max);
        FieldImage.WritePng(options.Output, picture.Plane, picture.Width, picture.Height, picture.Map, low, high);

        double cellUpdates = (double)simulation.CellsPerStep * options.Steps;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Steps} steps of {simulation.CellsPerStep:N0} cells in {elapsed.TotalSeconds:0.000} s: {cellUpdates / elapsed.TotalSeconds / 1e6:0.0} Mcells/s"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"image: {Path.GetFullPath(options.Output)} ({picture.Width}x{picture.Height}, {picture.Caption}, {picture.Map} colour map over [{low:G4}, {high:G4}])"));
        return 0;
    }
}
