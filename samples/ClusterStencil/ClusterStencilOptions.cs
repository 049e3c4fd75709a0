using System.Globalization;
using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Stencils;

namespace RingKernel.Samples.ClusterStencil;

/// <summary>
/// The command line of ClusterStencil: a driving run (<c>--nodes --size --steps --tiles --halo
/// --output</c>) or a node that joins one (<c>--join --db --host --port</c>), as <c>--name value</c>
/// or <c>--name=value</c>. Every mistake is an <see cref="OptionException"/> with a one-line message.
/// </summary>
public sealed record ClusterStencilOptions
{
    /// <summary>More node processes than this on one machine only measure the machine's scheduler.</summary>
    public const int MaxNodes = 16;

    private static readonly string[] DriveNames = ["nodes", "size", "steps", "tiles", "halo", "output", "host", "port"];
    private static readonly string[] JoinNames = ["join", "db", "host", "port"];

    /// <summary>The seed address a joining node joins; null for the driving node.</summary>
    public string? Join { get; init; }

    /// <summary>The checkpoint database file of a joining node (the driving node makes its own and passes it on).</summary>
    public string Database { get; init; } = "checkpoints.db";

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port this node listens on; 0 lets the system pick one.</summary>
    public int Port { get; init; }

    /// <summary>Nodes in the cluster, this one included.</summary>
    public int Nodes { get; init; } = 3;

    public TileGrid Grid { get; init; } = TileGrid.Create(GridSize.Square(256), new Dim3(4, 4));

    public int Steps { get; init; } = 400;

    public int Halo { get; init; } = 2;

    public string Output { get; init; } = "heat-cluster.png";

    /// <summary>True when the user asked for the usage text.</summary>
    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h");

    public static string Usage => $"""
        usage: ClusterStencil [options]            run the heat equation on a cluster of processes on this machine
               ClusterStencil --join ADDRESS ...   be a node of a cluster that a driving ClusterStencil started
          --nodes N          nodes, this one included; the others start as processes that join it (1 to {MaxNodes}, default 3)
          --size N           cells per side of the square grid (default 256)
          --tiles WxH        tiles per axis; each must divide the size (default 4x4)
          --steps N          time steps, at least 1 (default 400)
          --halo N           halo width in cells; tiles exchange halos every N steps (default 2)
          --output PATH      PNG of the final field (default heat-cluster.png); {OutputFile.Rule}
          --host NAME        the address other nodes reach this one at (default 127.0.0.1)
          --port N           the TCP port this node listens on; 0 picks a free one (default 0)
          --join ADDRESS     the driving node's address, akka.tcp://ringkernel@HOST:PORT (it prints it)
          --db PATH          with --join: the SQLite checkpoint file the driving node named
        """;

    /// <summary>Parses and validates <paramref name="args"/>; throws <see cref="OptionException"/> on the first problem.</summary>
    public static ClusterStencilOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Dictionary<string, string> values = Collect(args);
        int port = Number(values, "port", 0, min: 0, max: ushort.MaxValue);
        string host = values.GetValueOrDefault("host", "127.0.0.1");
        if (values.TryGetValue("join", out string? seed))
        {
            Refuse(values, JoinNames, "with --join");
            if (!seed.StartsWith("akka.tcp://", StringComparison.Ordinal))
                throw new OptionException($"--join '{seed}': give the driving node's address as it printed it, akka.tcp://ringkernel@HOST:PORT");
            return new ClusterStencilOptions { Join = seed, Database = values.GetValueOrDefault("db", "checkpoints.db"), Host = host, Port = port };
        }

        Refuse(values, DriveNames, "without --join");
        int side = Number(values, "size", 256, min: 1, max: 1 << 14);
        Dim3 tiles = Tiles(values.GetValueOrDefault("tiles", "4x4"));
        if (!TileGrid.TryCreate(GridSize.Square(side), tiles, out TileGrid? grid, out string? error))
            throw new OptionException($"--tiles {tiles.X}x{tiles.Y} --size {side}: {error}");
        int halo = Number(values, "halo", 2, min: 1, max: side);
        if (grid.CheckHaloWidth(halo) is { } haloError)
            throw new OptionException($"--halo {halo}: {haloError}");
        string output = values.GetValueOrDefault("output", "heat-cluster.png");
        OutputFile.Prepare(output);
        return new ClusterStencilOptions
        {
            Nodes = Number(values, "nodes", 3, min: 1, max: MaxNodes),
            Grid = grid,
            Steps = Number(values, "steps", 400, min: 1, max: int.MaxValue),
            Halo = halo,
            Output = output,
            Host = host,
            Port = port,
        };
    }

    private static Dictionary<string, string> Collect(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new OptionException($"'{arg}' is not an option; see --help");
            string name = arg[2..], value;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new OptionException($"--{name} needs a value; see --help");
            }

            if (!DriveNames.Contains(name) && !JoinNames.Contains(name))
                throw new OptionException($"unknown option --{name}; see --help");
            if (!values.TryAdd(name, value))
                throw new OptionException($"--{name} is given twice");
        }

        return values;
    }

    private static void Refuse(Dictionary<string, string> values, string[] allowed, string mode)
    {
        string? stray = values.Keys.FirstOrDefault(name => !allowed.Contains(name));
        if (stray is not null)
            throw new OptionException($"--{stray} has no meaning {mode}");
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out string? text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new OptionException($"--{name} '{text}': give a whole number from {min} to {max}");
        return value;
    }

    private static Dim3 Tiles(string text)
    {
        string[] parts = text.Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int x)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int y)
            || x < 1 || y < 1)
            throw new OptionException($"--tiles '{text}': give tiles per axis as WxH, each at least 1 (4x4, say)");
        return new Dim3(x, y);
    }
}
