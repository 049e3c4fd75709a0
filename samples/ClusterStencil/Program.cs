using System.Diagnostics;
using Akka.Actor;
using RingKernel.Cluster;
using RingKernel.Cpu;
using RingKernel.Samples.Cli;
using RingKernel.Samples.ClusterStencil;
using RingKernel.Samples.Imaging;
using RingKernel.Stencils;

// The heat equation on a cluster of processes on this machine: this process is the seed node and
// drives the run; it starts the other nodes as processes that join it. The picture is the same,
// byte for byte, whatever the number of nodes. `--help` lists the options.
// Steps between the tiles' persisted checkpoints; the run also reports its progress at this interval.
const int CheckpointInterval = 100;

if (ClusterStencilOptions.WantsHelp(args))
{
    Console.WriteLine(ClusterStencilOptions.Usage);
    return 0;
}

ClusterStencilOptions options;
try
{
    options = ClusterStencilOptions.Parse(args);
}
catch (OptionException problem)
{
    return Fail(problem.Message);
}

try
{
    return options.Join is { } seed ? await JoinAsync(seed) : await DriveAsync();
}
catch (ClusterStencilException failure)
{
    return Fail(failure.Message);
}

// A node that joins the seed and hosts tiles until its standard input closes (the seed closes it when the run is over).
async Task<int> JoinAsync(string seed)
{
    ActorSystem system = ClusterStencilNode.CreateSystem(ClusterStencilConfig.Create(options.Host, options.Port, ClusterStencilConfig.SqliteFile(options.Database), timings: ClusterTimings.Loopback));
    ClusterStencilNode node = await ClusterStencilNode.StartAsync(system, new CpuBackend(), [seed]);
    Console.WriteLine($"node {node.Address} joined {seed}");
    await Task.Run(() => Console.In.ReadToEnd());
    await system.Terminate();
    return 0;
}

async Task<int> DriveAsync()
{
    int nodes = options.Nodes, steps = options.Steps, halo = options.Halo;
    TileGrid grid = options.Grid;
    GridSize size = grid.Size;
    string database = Path.Combine(Directory.CreateTempSubdirectory("ringkernel-cluster-").FullName, "checkpoints.db");
    ActorSystem system = ClusterStencilNode.CreateSystem(ClusterStencilConfig.Create(options.Host, options.Port, ClusterStencilConfig.SqliteFile(database), timings: ClusterTimings.Loopback));
    ClusterStencilNode seed = await ClusterStencilNode.StartAsync(system, new CpuBackend());
    Console.WriteLine($"seed node {seed.Address}; starting {nodes - 1} more node(s) as processes");
    Process[] others = [.. Enumerable.Range(1, nodes - 1).Select(_ => StartNode(seed.Address, database))];
    try
    {
        await seed.WaitForNodesAsync(nodes, TimeSpan.FromSeconds(60));
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Fixed(0f));
        var simulation = ClusterSimulation.Heat2D(equation, grid, halo);
        float[] initial = InitialConditions.HotSquare(size);
        Console.WriteLine($"{simulation}: {steps:N0} steps on {nodes} node(s)");
        var clock = Stopwatch.StartNew();
        await using (ClusterStencilRun run = await ClusterStencilRun.StartAsync(seed, simulation, [initial], new ClusterRunOptions { CheckpointInterval = CheckpointInterval }))
        {
            // Steps go in batches of one checkpoint interval, with a line of progress after each.
            for (int done = 0; done < steps;)
            {
                int batch = Math.Min(CheckpointInterval, steps - done);
                await run.RunStepsAsync(batch);
                done += batch;
                Console.WriteLine($"  step {done,6:N0} of {steps:N0} ({100.0 * done / steps,3:0}%), {clock.Elapsed.TotalSeconds:0.00} s, {run.Recoveries.Count} recoveries");
            }

            float[] field = (await run.SnapshotAsync())[0];
            clock.Stop();
            Console.WriteLine($"{steps:N0} steps in {clock.Elapsed.TotalSeconds:0.00} s, {(double)size.CellCount * steps / clock.Elapsed.TotalSeconds / 1e6:0.0} Mcells/s, {run.Recoveries.Count} recoveries");
            foreach (ClusterNodeReport report in await run.ReportAsync())
                Console.WriteLine($"  {report}");
            (float low, float high) = FieldImage.Scale(field, centredOnZero: false);
            new FieldFigure(field, size.Width, size.Height, ColorMap.Inferno, low, high, "Heat equation, tiled over a cluster", [$"{equation}", $"{steps} steps, {grid}, halo {halo}"])
                .WritePng(options.Output);
            Console.WriteLine($"wrote {options.Output}");
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
    foreach (string argument in (string[])["--join", seed, "--db", database, "--host", options.Host])
        start.ArgumentList.Add(argument);
    return Process.Start(start) ?? throw new ClusterStencilException("A node process could not be started.");
}

static int Fail(string message)
{
    Console.Error.WriteLine($"ClusterStencil: {message}");
    return 2;
}
