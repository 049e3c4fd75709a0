using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

/// <summary>Engine tiles (the default): every tile a supervised kernel actor whose persistent ring kernel trades halos with its neighbours over K2K; the host only commands.</summary>
internal sealed class TiledWaveSimulation : IStencilSimulation, IDisposable
{
    private readonly WaveEquation3D _equation;
    private readonly TileActorHost _host;
    private readonly TiledWave3D _tiled;
    private readonly float[] _previous;
    private readonly float[] _current;

    public TiledWaveSimulation(StencilOptions options)
    {
        _equation = WaveSetup.Equation(options);
        _current = WaveSetup.InitialField(options.Size);
        _previous = (float[])_current.Clone(); // at rest: no initial velocity
        _host = new TileActorHost("wave3d", options.Backend);
        _tiled = TiledWave3D.StartAsync(_host.System, _host.Backend, _equation, options.Tiles, options.Halo, _previous, _current, TileActorHost.EngineOptions(options.Checkpoints)).GetAwaiter().GetResult();
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
        _tiled.SnapshotAsync(_previous, _current).GetAwaiter().GetResult();
        return WaveSetup.Picture(_current, _equation.Size);
    }

    public void Dispose()
    {
        _tiled.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
