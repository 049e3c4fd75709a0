using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using RingKernel.Cluster;
using RingKernel.Cpu;
using RingKernel.Kernels;
using RingKernel.Samples.Imaging;
using RingKernel.Stencils;

// The heat equation on a cluster of processes on this machine: this process is the seed node and
// drives the run; it starts the other nodes as processes that join it. The picture is the same,
// byte for byte, whatever the number of nodes.
//   ClusterStencil [--nodes 3] [--size 256] [--steps 400] [--tiles 4x3] [--halo 2] [--out heat-cluster.png]
//   ClusterStencil --join akka.tcp://ringkernel@HOST:PORT --db checkpoints.db [--host 127.0.0.1] [--port 0]
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
        return Fail($"'{args[i]}' is not an option with a value (see the comment at the top of Program.cs).");
    options[args[i][2..]] = args[++i];
}

string host = Option("host", "127.0.0.1");
int port = int.Parse(Option("port", "0"), CultureInfo.InvariantCulture);
try
{
    return options.TryGetValue("join", out string? seed) ? await JoinAsync(seed) : await DriveAsync();
}
catch (ClusterStencilException failure)
{
    return Fail(failure.Message);
}

// A node that joins the seed and hosts tiles until its standard input closes (the seed closes it when the run is over).
async Task<int> JoinAsync(string seed)
{
    ActorSystem system = ClusterStencilNode.CreateSystem(ClusterStencilConfig.Create(host, port, ClusterStencilConfig.SqliteFile(Option("db", "checkpoints.db")), timings: ClusterTimings.Loopback));
    ClusterStencilNode node = await ClusterStencilNode.StartAsync(system, new CpuBackend(), [seed]);
    Console.WriteLine($"node {node.Address} joined {seed}");
    await Task.Run(() => Console.In.ReadToEnd());
    await system.Terminate();
    return 0;
}

async Task<int> DriveAsync()
{
    int nodes = int.Parse(Option("nodes", "3"), CultureInfo.InvariantCulture);
    int side = int.Parse(Option("size", "256"), CultureInfo.InvariantCulture);
    int steps = int.Parse(Option("steps", "400"), CultureInfo.InvariantCulture);
    int halo = int.Parse(Option("halo", "2"), CultureInfo.InvariantCulture);
    string[] tiles = Option("tiles", "4x3").Split('x');
    string output = Option("out", "heat-cluster.png");
    string database = Path.Combine(Directory.CreateTempSubdirectory("ringkernel-cluster-").FullName, "checkpoints.db");
    var size = GridSize.Square(side);
    if (!TileGrid.TryCreate(size, new Dim3(int.Parse(tiles[0], CultureInfo.InvariantCulture), int.Parse(tiles[^1], CultureInfo.InvariantCulture)), out TileGrid? grid, out string? error))
        return Fail(error);

    ActorSystem system = ClusterStencilNode.CreateSystem(ClusterStencilConfig.Create(host, port, ClusterStencilConfig.SqliteFile(database), timings: ClusterTimings.Loopback));
    ClusterStencilNode seed = await ClusterStencilNode.StartAsync(system, new CpuBackend());
    Console.WriteLine($"seed node {seed.Address}; starting {nodes - 1} more node(s) as processes");
    Process[] others = [.. Enumerable.Range(1, nodes - 1).Select(_ => StartNode(seed.Address, database))];
    try
    {
        await seed.WaitForNodesAsync(nodes, TimeSpan.FromSeconds(60));
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Fixed(0f));
        var simulation = ClusterSimulation.Heat2D(equation, grid, halo);
        float[] initial = InitialConditions.HotSquare(size);
        var clock = Stopwatch.StartNew();
        await using (ClusterStencilRun run = await ClusterStencilRun.StartAsync(seed, simulation, [initial], new ClusterRunOptions { CheckpointInterval = 100 }))
        {
            await run.RunStepsAsync(steps);
            float[] field = (await run.SnapshotAsync())[0];
            clock.Stop();
            Console.WriteLine($"{simulation} on {nodes} node(s): {steps} steps in {clock.Elapsed.TotalSeconds:0.00} s, {(double)size.CellCount * steps / clock.Elapsed.TotalSeconds / 1e6:0.0} Mcells/s, {run.Recoveries.Count} recoveries");
            foreach (ClusterNodeReport report in await run.ReportAsync())
                Console.WriteLine($"  {report}");
            (float low, float high) = FieldImage.Scale(field, centredOnZero: false);
            new FieldFigure(field, side, side, ColorMap.Inferno, low, high, "Heat equation, tiled over a cluster", [$"{equation}", $"{steps} steps, {grid}, halo {halo}"])
                .WritePng(output);
            Console.WriteLine($"wrote {output}");
        }

        return 0;
    }
    finally
    {
        foreach (Process other in others)
        {
            other.StandardInput.Close();
            if (!other.WaitForExit(TimeSpan.FromSeconds(30)))
                other.Kill();
        }

        await system.Terminate();
    }
}

Process StartNode(string seed, string database)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        start.ArgumentList.Add(typeof(ClusterStencilRun).Assembly.Location.Replace("RingKernel.Cluster.dll", "ClusterStencil.dll", StringComparison.Ordinal));
    foreach (string argument in (string[])["--join", seed, "--db", database, "--host", host])
        start.ArgumentList.Add(argument);
    return Process.Start(start) ?? throw new ClusterStencilException("A node process could not be started.");
}

string Option(string name, string fallback) => options.TryGetValue(name, out string? value) ? value : fallback;

static int Fail(string message)
{
    Console.Error.WriteLine($"ClusterStencil: {message}");
    return 2;
}
