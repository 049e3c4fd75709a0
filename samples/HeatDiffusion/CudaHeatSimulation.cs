using RingKernel.Cuda.Stencils;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>--backend cuda: the whole grid per step on the device, one heat2d_step launch per step.</summary>
internal sealed class CudaHeatSimulation : IStencilSimulation, IDisposable
{
    private readonly HeatEquation2D _equation;
    private readonly CudaHeatSolver2D _solver;
    private readonly float[] _field;

    public CudaHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _field = HeatSetup.InitialField(options.Size);
        _solver = new CudaHeatSolver2D(CudaSampleBackend.Backend, _equation);
        _solver.Upload(_field);
    }

    public string Description => _equation.ToString();

    public string EngineDescription => $"single grid on {CudaSampleBackend.Backend.Device}, one heat2d_step launch per step";

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps) => _solver.Run(steps);

    public FieldPicture Picture()
    {
        _solver.Download(_field);
        return HeatSetup.Picture(_field, _equation.Size);
    }

    public void Dispose() => _solver.Dispose();
}
