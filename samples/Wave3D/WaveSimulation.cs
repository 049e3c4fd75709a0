using RingKernel.Cpu;
using RingKernel.Cuda.Stencils;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Samples.Imaging;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

/// <summary>
/// The wave run: a Gaussian pulse (amplitude 1, sigma 4% of the box) starting at rest, c2 0.25,
/// advanced by the single-grid baseline (engine grid) or by one persistent ring kernel per tile
/// exchanging halos over K2K (engine tiles), or with --backend cuda by one wave3d_step launch per step
/// on the device. The picture is the mid-plane of the newest level.
/// </summary>
internal sealed class WaveSimulation : IStencilSimulation, IDisposable
{
    /// <summary>The squared Courant number of every wave run, whichever backend.</summary>
    internal const float C2 = 0.25f;

    private readonly WaveEquation3D _equation;
    private readonly WaveBaseline3D? _baseline;
    private readonly TiledWave3D? _tiled;
    private readonly CudaWaveSolver3D? _cuda;
    private readonly float[] _previous;
    private readonly float[] _current;

    public WaveSimulation(StencilOptions options)
    {
        _equation = new WaveEquation3D(options.Size, C2, options.StencilBoundary);
        _current = InitialConditions.GaussianPulse(options.Size, amplitude: 1f, sigmaFraction: 0.04);
        _previous = (float[])_current.Clone(); // at rest: no initial velocity
        if (options.Backend == "cuda")
        {
            _cuda = new CudaWaveSolver3D(CudaSampleBackend.Backend, _equation);
            _cuda.Upload(_previous, _current);
            EngineDescription = $"single grid on {CudaSampleBackend.Backend.Device}, one wave3d_step launch per step";
            return;
        }

        if (options.Engine.Name == "tiles")
        {
            _tiled = TiledWave3D.StartAsync(new CpuBackend(), _equation, options.Tiles, options.Halo, _previous, _current).GetAwaiter().GetResult();
            EngineDescription = $"{options.Tiles}, one ring kernel per tile with a {options.Halo}-cell halo over {_tiled.Engine.Routes.Count} K2K routes, exchanged every {options.Halo} step(s)";
            return;
        }

        _baseline = new WaveBaseline3D(_equation);
        EngineDescription = $"single grid, Parallel.For over rows with Vector<float> ({System.Numerics.Vector<float>.Count} lanes) on {Environment.ProcessorCount} cores";
    }

    public string Description => _equation.ToString();

    public string EngineDescription { get; }

    public long CellsPerStep => _equation.Size.CellCount;

    /// <summary>The grid engine runs the grid as one tile, reading one cell around each.</summary>
    public static string? CheckGridEngine(TileGrid tiles, int halo) =>
        tiles.TileCount != 1 ? "it computes the whole grid as one tile, so --tiles must be 1"
        : halo != 1 ? "it reads the 1-cell neighbourhood of each cell every step, so --halo must be 1"
        : null;

    public void RunSteps(int steps)
    {
        if (_cuda is not null)
        {
            _cuda.Run(steps);
            return;
        }

        if (_tiled is not null)
        {
            // The host only commands; each tile's progress reply must say it reached the same step.
            _tiled.RunStepsAsync(steps, new TileReplies(_tiled.Engine.StepsDone + steps)).GetAwaiter().GetResult();
            return;
        }

        _baseline!.Run(_previous, _current, steps);
    }

    public FieldPicture Picture()
    {
        _tiled?.SnapshotAsync(_previous, _current).GetAwaiter().GetResult();
        _cuda?.Download(_previous, _current);
        GridSize size = _equation.Size;
        int z = size.Depth / 2;
        float[] plane = _current.AsSpan(size.Index(0, 0, z), size.PlaneCells).ToArray();
        return new FieldPicture(plane, size.Width, size.Height, ColorMap.CoolWarm, CentredOnZero: true, $"displacement in the plane z = {z}");
    }

    public void Dispose()
    {
        _tiled?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cuda?.Dispose();
    }
}
