using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>Engine grid: the whole grid per step, Parallel.For over rows with Vector&lt;float&gt; (the comparison for tiles).</summary>
internal sealed class GridWaveSimulation : IStencilSimulation
{
    private readonly WaveEquation3D _equation;
    private readonly WaveBaseline3D _baseline;

    // The two levels; a step writes the next over the older, which then becomes the newer, so a batch copies nothing.
    private float[] _older;
    private float[] _newer;

    public GridWaveSimulation(StencilOptions options)
    {
        _equation = WaveSetup.Equation(options);
        _baseline = new WaveBaseline3D(_equation);
        _newer = WaveSetup.InitialField(options.Size);
        _older = (float[])_newer.Clone(); // at rest: no initial velocity
    }

    public string Description => _equation.ToString();

    public string EngineDescription => $"single grid, Parallel.For over rows with Vector<float> ({System.Numerics.Vector<float>.Count} lanes) on {Environment.ProcessorCount} cores";

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            _baseline.Step(_older, _newer, _older);
            (_older, _newer) = (_newer, _older);
        }
    }

    public FieldPicture Picture() => WaveSetup.Picture(_newer, _equation.Size);
}
