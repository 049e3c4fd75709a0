using RingKernel.Metal.Stencils;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>Engine tiles on a Metal device: one threadgroup per tile exchanging halos over K2K inboxes in shared memory.</summary>
internal sealed class MetalTiledWaveSimulation : IStencilSimulation, IDisposable
{
    private readonly WaveEquation3D _equation;
    private readonly MetalTiledRun _run;
    private readonly float[] _current;

    public MetalTiledWaveSimulation(StencilOptions options)
    {
        _equation = WaveSetup.Equation(options);
        _current = WaveSetup.InitialField(options.Size);
        float[] previous = (float[])_current.Clone(); // at rest: no initial velocity
        _run = new MetalTiledRun(options, backend => MetalTiledStencil.ForWave(backend, _equation, options.Tiles.Tiles, options.Halo, previous, _current));
    }

    public string Description => _equation.ToString();

    public string EngineDescription => _run.Description;

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps) => _run.RunSteps(steps);

    public FieldPicture Picture()
    {
        _run.Snapshot();
        return WaveSetup.Picture(_current, _equation.Size);
    }

    public void Dispose() => _run.Dispose();
}
