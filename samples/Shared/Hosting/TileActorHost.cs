using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using RingKernel.Cpu;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// What a tiled sample run's tile actors live in: an actor system (warnings only, so the progress bar
/// stays clean) and the CPU backend whose workers run the tile kernels as coroutines. It drives the
/// engine's RunSteps, checks every tile's progress reply, and says what ran: tiles, halo, workers,
/// restarts, and the K2K messages and bytes the tiles exchanged.
/// </summary>
public sealed class TileActorHost : IDisposable
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters-during-shutdown = off
        }
        """);

    private long[] _chunksSent = [];
    private long[] _bytesSent = [];

    /// <summary>
    /// How the samples run their tiles: inboxes that hold a whole halo strip (the engine's default);
    /// with <paramref name="checkpoints"/>, every tile checkpoints after each exchange so that its
    /// supervisor can restart a faulted tile kernel where it was (a copy of the tile per exchange).
    /// </summary>
    public static TiledStencilOptions EngineOptions(bool checkpoints) => new() { RestartFromCheckpoints = checkpoints };

    /// <param name="name">The actor system's name (the program's).</param>
    public TileActorHost(string name)
    {
        System = ActorSystem.Create(name, Quiet);
        Backend = new CpuBackend();
    }

    public ActorSystem System { get; }

    public CpuBackend Backend { get; }

    /// <summary>The engine, in one line: tiles, halo, routes, workers.</summary>
    public string Describe(TiledStencilEngine engine, TileGrid tiles, int halo)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(tiles);
        return $"{tiles}, each tile a kernel actor under one supervisor running a persistent ring kernel with a halo of {halo} cell(s), "
            + $"exchanged every {halo} step(s) over {engine.Routes.Count} K2K routes, on {Backend.WorkerCount} CPU worker(s)";
    }

    /// <summary>The progress bar's label: how many tile actors and the halo.</summary>
    public static string ProgressLabel(TiledStencilEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return $"{engine.Tiles.Count} tile actors, halo {engine.Tiles[0].Halo}";
    }

    /// <summary>Runs <paramref name="steps"/> steps and checks that every tile reached the step commanded.</summary>
    public void RunSteps(TiledStencilEngine engine, int steps)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (_chunksSent.Length != engine.Tiles.Count)
            (_chunksSent, _bytesSent) = (new long[engine.Tiles.Count], new long[engine.Tiles.Count]);
        long expected = engine.StepsDone + steps;
        engine.RunStepsAsync(steps, new ProgressCheck(this, expected)).GetAwaiter().GetResult();
    }

    /// <summary>What ran, in one line, after the run.</summary>
    public string Summary(TiledStencilEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"tile actors: {engine.Tiles.Count}, halo {engine.Tiles[0].Halo}, {Backend.WorkerCount} worker(s), {engine.Restarts} restarted{(engine.Tiles[0].HasCheckpoints ? "" : " (no checkpoints)")}; K2K: {_chunksSent.Sum():N0} halo messages, {_bytesSent.Sum() / 1048576.0:0.0} MiB");
    }

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(30));

    /// <summary>Every tile must report the step the host asked for; its counts are totals so far.</summary>
    private sealed class ProgressCheck(TileActorHost host, long expectedStep) : IProgress<TileProgress>
    {
        public void Report(TileProgress value)
        {
            if (value.Step != expectedStep)
                throw new InvalidOperationException($"Tile {value.Tile} reports step {value.Step}; step {expectedStep} was commanded.");
            host._chunksSent[value.Tile] = value.ChunksSent;
            host._bytesSent[value.Tile] = value.BytesSent;
        }
    }
}
