using System.Globalization;
using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Samples.Cli;

/// <summary>
/// The command line both stencil samples share: <c>--backend --engine --size --tiles --steps --halo
/// --boundary --output</c>, as <c>--name value</c> or <c>--name=value</c>, and the flags
/// <c>--no-tile-borders</c>, <c>--checkpoints</c> and <c>--metrics</c>. Every mistake is an <see cref="OptionException"/> with a one-line message.
/// </summary>
public static class StencilOptionParser
{
    /// <summary>The backends RingKernel knows; whether one is available is decided when the sample runs.</summary>
    public static IReadOnlyList<string> KnownBackends { get; } = ["cpu", "vulkan", "cuda", "metal"];

    private static readonly string[] Names = ["backend", "engine", "size", "tiles", "steps", "halo", "boundary", "output"];

    /// <summary>Options that take no value.</summary>
    private static readonly string[] Flags = ["no-tile-borders", "checkpoints", "metrics"];

    /// <summary>True when the user asked for the usage text.</summary>
    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h");

    public static string Usage(StencilSampleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string axes = spec.Dimensions == 2 ? "N|WxH" : "N|WxHxD";
        return $"""
            usage: {spec.ProgramName} [options]
              --backend cpu|vulkan|cuda|metal   where kernels run (default cpu)
              --engine {string.Join('|', spec.Engines.Select(e => e.Name)),-25}how the grid is computed (default {spec.Engines[0].Name}):
            {string.Join(Environment.NewLine, spec.Engines.Select(e => $"                                      {e.Name}: {e.Description}{DefaultsOf(e, spec)}"))}
              --size {axes,-27}cells per axis (default {spec.DefaultSize})
              --tiles {axes,-26}tiles per axis; each must divide the size (default: the engine's, below)
              --steps N                         time steps, at least 1 (default {spec.DefaultSteps})
              --halo N                          halo width in cells (default: the engine's, below)
              --boundary fixed|periodic         fixed: zero outside the grid; periodic: wrap (default fixed)
              --output PATH                     PNG of the final field with colour bar and caption (default {spec.DefaultOutput});
                                                {OutputFile.Rule}
              --no-tile-borders                 leave out the faint tile borders a tiled run draws over the field
              --checkpoints                     tiles engine on cpu: every tile checkpoints after each halo exchange, so its
                                                supervisor restarts a faulted tile kernel where it was (costs a copy of the
                                                tile per exchange); without it a faulted tile ends the run with its fault
              --metrics                         show RingKernel's telemetry (rings, kernel actors, K2K, Asks, dispatches) in a
                                                table refreshed as the run goes; printed once at the end when output is redirected
            """;
    }

    /// <summary>The engine's default tiling at the sample's default size, for the usage text.</summary>
    private static string DefaultsOf(StencilEngine engine, StencilSampleSpec spec)
    {
        GridSize size = spec.Dimensions == 2 ? GridSize.Square(spec.DefaultSize) : GridSize.Cube(spec.DefaultSize);
        (Dim3 tiles, int halo) = engine.Defaults(size);
        string axes = spec.Dimensions == 2 ? $"{tiles.X}x{tiles.Y}" : $"{tiles.X}x{tiles.Y}x{tiles.Z}";
        return tiles.Count == 1 && halo == 1 ? "" : $" (default --tiles {axes} --halo {halo} at --size {spec.DefaultSize} on this machine)";
    }

    /// <summary>Parses and validates <paramref name="args"/>; throws <see cref="OptionException"/> on the first problem.</summary>
    public static StencilOptions Parse(IReadOnlyList<string> args, StencilSampleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(spec);
        (Dictionary<string, string> values, HashSet<string> flags) = Collect(args);

        string backend = values.GetValueOrDefault("backend", "cpu");
        if (!KnownBackends.Contains(backend))
            throw new OptionException($"unknown backend '{backend}'; use {string.Join(", ", KnownBackends)}");

        string engineName = values.GetValueOrDefault("engine", spec.Engines[0].Name);
        StencilEngine engine = spec.Engines.FirstOrDefault(e => e.Name == engineName)
            ?? throw new OptionException($"unknown engine '{engineName}'; {spec.ProgramName} has {string.Join(", ", spec.Engines.Select(e => e.Name))}");

        string sizeText = values.GetValueOrDefault("size", spec.DefaultSize.ToString(CultureInfo.InvariantCulture));
        int[] sizeAxes = Axes("size", sizeText, spec.Dimensions);
        GridSize size;
        try
        {
            size = new GridSize(sizeAxes[0], sizeAxes[1], spec.Dimensions == 3 ? sizeAxes[2] : 1);
        }
        catch (ArgumentException)
        {
            throw new OptionException($"--size {sizeText} has {(long)sizeAxes[0] * sizeAxes[1] * (spec.Dimensions == 3 ? sizeAxes[2] : 1)} cells; at most {Array.MaxLength} fit in a field");
        }

        if (spec.Dimensions == 3 && size.Is2D && engine.Tiled)
            throw new OptionException($"--size {sizeText}: engine '{engine.Name}' tiles a 3D grid at least 2 cells deep (one plane would be tiled as a 2D grid); use --engine grid");

        (Dim3 defaultTiles, int defaultHalo) = engine.Defaults(size);
        string tilesText = values.GetValueOrDefault("tiles", spec.Dimensions == 2 ? $"{defaultTiles.X}x{defaultTiles.Y}" : $"{defaultTiles.X}x{defaultTiles.Y}x{defaultTiles.Z}");
        int[] tileAxes = Axes("tiles", tilesText, spec.Dimensions);
        var tileCounts = new Dim3(tileAxes[0], tileAxes[1], spec.Dimensions == 3 ? tileAxes[2] : 1);
        if (!TileGrid.TryCreate(size, tileCounts, out TileGrid? tiles, out string? tileError))
            throw new OptionException($"--tiles {tilesText}: {tileError}");

        int steps = Positive("steps", values.GetValueOrDefault("steps", spec.DefaultSteps.ToString(CultureInfo.InvariantCulture)));
        int halo = Positive("halo", values.GetValueOrDefault("halo", Math.Min(defaultHalo, tiles.MaxHaloWidth).ToString(CultureInfo.InvariantCulture)));
        if (tiles.CheckHaloWidth(halo) is { } haloError)
            throw new OptionException($"--halo {halo}: {haloError}");

        BoundaryKind boundary = values.GetValueOrDefault("boundary", "fixed") switch
        {
            "fixed" => BoundaryKind.Fixed,
            "periodic" => BoundaryKind.Periodic,
            string other => throw new OptionException($"unknown boundary '{other}'; use fixed or periodic"),
        };

        if (engine.Check(tiles, halo) is { } engineError)
            throw new OptionException($"engine '{engine.Name}': {engineError}");

        string output = values.GetValueOrDefault("output", spec.DefaultOutput);
        if (string.IsNullOrWhiteSpace(output) || !output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new OptionException($"--output '{output}' must name a .png file");
        return new StencilOptions(backend, engine, size, tiles, steps, halo, boundary, output)
        {
            TileBorders = !flags.Contains("no-tile-borders"),
            Checkpoints = flags.Contains("checkpoints"),
            Metrics = flags.Contains("metrics"),
        };
    }

    private static (Dictionary<string, string> Values, HashSet<string> Flags) Collect(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        string known = $"--{string.Join(", --", Names.Concat(Flags))}";
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new OptionException($"unexpected argument '{arg}'; options are {known}");
            string name = arg[2..];
            string? value = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (Flags.Contains(name))
            {
                if (value is not null)
                    throw new OptionException($"--{name} takes no value");
                if (!flags.Add(name))
                    throw new OptionException($"--{name} is given twice");
                continue;
            }

            if (!Names.Contains(name))
                throw new OptionException($"unknown option '--{name}'; options are {known}");
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new OptionException($"--{name} needs a value");
                value = args[++i];
            }

            if (!values.TryAdd(name, value))
                throw new OptionException($"--{name} is given twice");
        }

        return (values, flags);
    }

    /// <summary>"N" (the same on every axis) or one count per axis joined by 'x'.</summary>
    private static int[] Axes(string name, string text, int dimensions)
    {
        string[] parts = text.Split('x');
        string form = dimensions == 2 ? "N or WxH" : "N or WxHxD";
        if (parts.Length != 1 && parts.Length != dimensions)
            throw new OptionException($"--{name} '{text}' is not {form}");
        var axes = new int[dimensions];
        for (int a = 0; a < dimensions; a++)
        {
            string part = parts[parts.Length == 1 ? 0 : a];
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out axes[a]) || axes[a] < 1)
                throw new OptionException($"--{name} '{text}' is not {form} with whole numbers of at least 1");
        }

        return axes;
    }

    private static int Positive(string name, string text)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw new OptionException($"--{name} '{text}' is not a whole number");
        if (value < 1)
            throw new OptionException($"--{name} must be at least 1; got {value}");
        return value;
    }
}
