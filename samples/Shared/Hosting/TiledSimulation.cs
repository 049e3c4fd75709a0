using RingKernel.Samples.Cli;
using RingKernel.Stencils.Halo;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// Engine tiles (the default): every tile a supervised kernel actor whose persistent ring kernel trades halos
/// with its neighbours over K2K; the host only commands. The sample starts its tiled stencil in the host
/// and says what the run computes and how its field is pictured.
/// </summary>
public sealed class TiledSimulation : IStencilSimulation, IDisposable
{
    private readonly TileActorHost _host;
    private readonly TiledStencilEngine _engine;

    /// <param name="host">Where the tiles run (owned from here on).</param>
    /// <param name="engine">The tiled stencil's engine, started in <paramref name="host"/> (owned from here on).</param>
    /// <param name="options">The command line the engine was started from.</param>
    public TiledSimulation(TileActorHost host, TiledStencilEngine engine, StencilOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        _host = host;
        _engine = engine;
        EngineDescription = host.Describe(engine, options.Tiles, options.Halo);
    }

    public required string Description { get; init; }

    public string EngineDescription { get; }

    public required long CellsPerStep { get; init; }

    /// <summary>Snapshots the tiles into the whole field and pictures it.</summary>
    public required Func<FieldPicture> Snapshot { get; init; }

    public string ProgressLabel => TileActorHost.ProgressLabel(_engine);

    public string? Summary => _host.Summary(_engine);

    public void RunSteps(int steps) => _host.RunSteps(_engine, steps);

    public FieldPicture Picture() => Snapshot();

    public void Dispose()
    {
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
