using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>Engine grid: the whole grid per step, Parallel.For over rows with Vector&lt;float&gt; (the comparison for tiles).</summary>
internal sealed class GridWaveSimulation : IStencilSimulation
{
    private readonly WaveEquation3D _equation;
    private readonly float[] _previous;
    private readonly float[] _current;

    public GridWaveSimulation(StencilOptions options)
    {
        _equation = WaveSetup.Equation(options);
        _current = WaveSetup.InitialField(options.Size);
        _previous = (float[])_current.Clone(); // at rest: no initial velocity
    }

    public string Description => _equation.ToString();

    public string EngineDescription => $"single grid, Parallel.For over rows with Vector<float> ({System.Numerics.Vector<float>.Count} lanes) on {Environment.ProcessorCount} cores";

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps) => new WaveBaseline3D(_equation).Run(_previous, _current, steps);

    public FieldPicture Picture() => WaveSetup.Picture(_current, _equation.Size);
}
