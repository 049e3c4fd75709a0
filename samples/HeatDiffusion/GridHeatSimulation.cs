using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>Engine grid: the whole grid per step, Parallel.For over rows with Vector&lt;float&gt; (the comparison for the others).</summary>
internal sealed class GridHeatSimulation(StencilOptions options) : IStencilSimulation
{
    private readonly HeatEquation2D _equation = HeatSetup.Equation(options);
    private readonly float[] _field = HeatSetup.InitialField(options.Size);

    public string Description => _equation.ToString();

    public string EngineDescription => $"single grid, Parallel.For over rows with Vector<float> ({System.Numerics.Vector<float>.Count} lanes) on {Environment.ProcessorCount} cores";

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps) => new HeatBaseline2D(_equation).Run(_field, steps);

    public FieldPicture Picture() => HeatSetup.Picture(_field, _equation.Size);
}
