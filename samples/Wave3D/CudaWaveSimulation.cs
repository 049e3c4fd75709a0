using RingKernel.Cuda.Stencils;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>--backend cuda: the whole grid per step on the device, one wave3d_step launch per step.</summary>
internal sealed class CudaWaveSimulation : IStencilSimulation, IDisposable
{
    private readonly WaveEquation3D _equation;
    private readonly CudaWaveSolver3D _solver;
    private readonly float[] _previous;
    private readonly float[] _current;

    public CudaWaveSimulation(StencilOptions options)
    {
        _equation = WaveSetup.Equation(options);
        _current = WaveSetup.InitialField(options.Size);
        _previous = (float[])_current.Clone(); // at rest: no initial velocity
        _solver = new CudaWaveSolver3D(CudaSampleBackend.Backend, _equation);
        _solver.Upload(_previous, _current);
    }

    public string Description => _equation.ToString();

    public string EngineDescription => $"single grid on {CudaSampleBackend.Backend.Device}, one wave3d_step launch per step";

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps) => _solver.Run(steps);

    public FieldPicture Picture()
    {
        _solver.Download(_previous, _current);
        return WaveSetup.Picture(_current, _equation.Size);
    }

    public void Dispose() => _solver.Dispose();
}
