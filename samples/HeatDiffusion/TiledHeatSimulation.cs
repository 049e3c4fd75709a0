using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

/// <summary>Engine tiles (the default): every tile a supervised kernel actor whose persistent ring kernel trades halos with its neighbours over K2K; the host only commands.</summary>
internal sealed class TiledHeatSimulation : IStencilSimulation, IDisposable
{
    private readonly HeatEquation2D _equation;
    private readonly TileActorHost _host;
    private readonly TiledHeat2D _tiled;
    private readonly float[] _field;

    public TiledHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _field = HeatSetup.InitialField(options.Size);
        _host = new TileActorHost("heat-diffusion", options.Backend);
        _tiled = TiledHeat2D.StartAsync(_host.System, _host.Backend, _equation, options.Tiles, options.Halo, _field, TileActorHost.EngineOptions(options.Checkpoints)).GetAwaiter().GetResult();
        EngineDescription = _host.Describe(_tiled.Engine, options.Tiles, options.Halo);
    }

    public string Description => _equation.ToString();

    public string EngineDescription { get; }

    public long CellsPerStep => _equation.Size.CellCount;

    public string ProgressLabel => TileActorHost.ProgressLabel(_tiled.Engine);

    public string? Summary => _host.Summary(_tiled.Engine);

    public void RunSteps(int steps) => _host.RunSteps(_tiled.Engine, steps);

    public FieldPicture Picture()
    {
        _tiled.SnapshotAsync(_field).GetAwaiter().GetResult();
        return HeatSetup.Picture(_field, _equation.Size);
    }

    public void Dispose()
    {
        _tiled.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
