using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using RingKernel.Cpu;
using RingKernel.Cuda;
using RingKernel.Metal;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Vulkan;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// What a tiled sample run's kernel actors live in: an actor system (warnings only, so the progress bar
/// stays clean) and the backend the tiles run on (the CPU, whose workers run one tile kernel per tile
/// as coroutines; Vulkan or Metal, whose one tile kernel runs every tile as a workgroup). It drives
/// the engine's RunSteps, checks every group's progress reply, and says what ran: tiles, halo,
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
    /// <param name="backend">The --backend the tiles run on: cpu, vulkan, metal or cuda (heat 2D).</param>
    public TileActorHost(string name, string backend = "cpu")
    {
        Backend = backend switch
        {
            "vulkan" => new VulkanBackend(),
            "metal" => new MetalBackend(),
            "cuda" => CudaSampleBackend.Backend,
            _ => new CpuBackend(),
        };
        System = ActorSystem.Create(name, Quiet);
    }

    public ActorSystem System { get; }

    public ITiledStencilBackend Backend { get; }

    /// <summary>The engine, in one line: tiles, halo, routes, and where the tile kernels run.</summary>
    public string Describe(TiledStencilEngine engine, TileGrid tiles, int halo)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(tiles);
        return Backend switch
        {
            CpuBackend cpu => $"{tiles}, each tile a kernel actor under one supervisor running a persistent ring kernel with a halo of {halo} cell(s), "
                + $"exchanged every {halo} step(s) over {engine.Routes.Count} K2K routes, on {cpu.WorkerCount} CPU worker(s)",
            CudaBackend => $"{tiles}, one supervised kernel actor running every tile as a block with a halo of {halo} cell(s) over {engine.Routes.Count} K2K routes in mapped memory, "
                + $"one cooperative launch per {halo} step(s), on {DeviceName}",
            _ => $"{tiles}, one supervised kernel actor running every tile as a workgroup with a halo of {halo} cell(s) over {engine.Routes.Count} K2K routes in device memory, "
                + $"one dispatch per {halo} step(s), on {DeviceName}",
        };
    }

    /// <summary>The progress bar's label: how many kernel actors and tiles, and the halo.</summary>
    public static string ProgressLabel(TiledStencilEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return $"{engine.Groups.Count} kernel actor(s), {engine.Tiles.Count} tiles, halo {engine.Tiles[0].Halo}";
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
            $"kernel actors: {engine.Groups.Count} for {engine.Tiles.Count} tiles, halo {engine.Tiles[0].Halo}, {Where}, {engine.Restarts} restarted{(engine.Groups[0].HasCheckpoints ? "" : " (no checkpoints)")}; K2K: {_chunksSent.Sum():N0} halo messages, {_bytesSent.Sum() / 1048576.0:0.0} MiB");
    }

    public void Dispose()
    {
        System.Terminate().Wait(TimeSpan.FromSeconds(30));
        (Backend as IDisposable)?.Dispose();
    }

    private string DeviceName => GpuSampleBackend.DeviceName(Backend);

    private string Where => Backend is CpuBackend cpu ? $"{cpu.WorkerCount} worker(s)" : DeviceName;

    /// <summary>Every group must report the step the host asked for; its counts are totals so far, by its first tile.</summary>
    private sealed class ProgressCheck(TileActorHost host, long expectedStep) : IProgress<TileProgress>
    {
        public void Report(TileProgress value)
        {
            if (value.Step != expectedStep)
                throw new InvalidOperationException($"The group of tile {value.Tile} reports step {value.Step}; step {expectedStep} was commanded.");
            host._chunksSent[value.Tile] = value.ChunksSent;
            host._bytesSent[value.Tile] = value.BytesSent;
        }
    }
}
