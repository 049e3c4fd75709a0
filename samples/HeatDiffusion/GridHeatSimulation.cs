using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>Engine grid: the whole grid per step, Parallel.For over rows with Vector&lt;float&gt; (the comparison for the others).</summary>
internal sealed class GridHeatSimulation : IStencilSimulation
{
    private readonly HeatEquation2D _equation;
    private readonly HeatBaseline2D _baseline;

    // Two levels stepped into each other, so a batch of any length copies nothing.
    private float[] _current;
    private float[] _next;

    public GridHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _baseline = new HeatBaseline2D(_equation);
        _current = HeatSetup.InitialField(options.Size);
        _next = new float[_current.Length];
    }

    public string Description => _equation.ToString();

    public string EngineDescription => $"single grid, Parallel.For over rows with Vector<float> ({System.Numerics.Vector<float>.Count} lanes) on {Environment.ProcessorCount} cores";

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            _baseline.Step(_current, _next);
            (_current, _next) = (_next, _current);
        }
    }

    public FieldPicture Picture() => HeatSetup.Picture(_current, _equation.Size);
}
