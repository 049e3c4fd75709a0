using RingKernel.Metal.Stencils;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>Engine tiles on a Metal device: one threadgroup per tile exchanging halos over K2K inboxes in shared memory.</summary>
internal sealed class MetalTiledHeatSimulation : IStencilSimulation, IDisposable
{
    private readonly HeatEquation2D _equation;
    private readonly MetalTiledRun _run;
    private readonly float[] _field;

    public MetalTiledHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _field = HeatSetup.InitialField(options.Size);
        _run = new MetalTiledRun(options, backend => MetalTiledStencil.ForHeat(backend, _equation, options.Tiles.Tiles, options.Halo, _field));
    }

    public string Description => _equation.ToString();

    public string EngineDescription => _run.Description;

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps) => _run.RunSteps(steps);

    public FieldPicture Picture()
    {
        _run.Snapshot();
        return HeatSetup.Picture(_field, _equation.Size);
    }

    public void Dispose() => _run.Dispose();
}
