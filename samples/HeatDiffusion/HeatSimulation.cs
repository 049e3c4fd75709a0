using RingKernel.Cpu;
using RingKernel.Cuda.Stencils;
using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Samples.Imaging;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

/// <summary>
/// The heat-diffusion run: a hot square (1.0) in a cold plate (0.0), alpha 0.24, advanced by the
/// single-grid baseline (engine grid), by the per-thread shared-memory kernel on the CPU backend
/// (engine kernel, one workgroup per tile), or by one persistent ring kernel per tile exchanging
/// halos over K2K (engine tiles); with --backend cuda, the whole grid per step on the device.
/// </summary>
internal sealed class HeatSimulation : IStencilSimulation, IDisposable
{
    /// <summary>The diffusion number of every heat run, whichever backend.</summary>
    internal const float Alpha = 0.24f;

    private readonly HeatEquation2D _equation;
    private readonly HeatBaseline2D? _baseline;
    private readonly KernelDefinition<HeatKernelArgs>? _kernel;
    private readonly CpuBackend? _backend;
    private readonly TiledHeat2D? _tiled;
    private readonly CudaHeatSolver2D? _cuda;
    private float[] _field;
    private float[] _scratch;

    public HeatSimulation(StencilOptions options)
    {
        _equation = new HeatEquation2D(options.Size, Alpha, options.StencilBoundary);
        _field = InitialConditions.HotSquare(options.Size, ambient: 0f, hot: 1f, fraction: 0.25);
        _scratch = new float[_field.Length];
        if (options.Backend == "cuda")
        {
            _cuda = new CudaHeatSolver2D(CudaSampleBackend.Backend, _equation);
            _cuda.Upload(_field);
            EngineDescription = $"single grid on {CudaSampleBackend.Backend.Device}, one heat2d_step launch per step";
        }
        else if (options.Engine.Name == "tiles")
        {
            _tiled = TiledHeat2D.StartAsync(new CpuBackend(), _equation, options.Tiles, options.Halo, _field).GetAwaiter().GetResult();
            EngineDescription = $"{options.Tiles}, one ring kernel per tile with a {options.Halo}-cell halo over {_tiled.Engine.Routes.Count} K2K routes, exchanged every {options.Halo} step(s)";
        }
        else if (options.Engine.Name == "kernel")
        {
            GridSize tile = options.Tiles.TileSize;
            _kernel = HeatKernel2D.Create(_equation, tile.Width, tile.Height);
            _backend = new CpuBackend();
            EngineDescription = $"{options.Tiles}, one workgroup of {tile.Width}x{tile.Height} coroutine threads per tile, dispatched once per step over {_backend.WorkerCount} cores";
        }
        else
        {
            _baseline = new HeatBaseline2D(_equation);
            EngineDescription = $"single grid, Parallel.For over rows with Vector<float> ({System.Numerics.Vector<float>.Count} lanes) on {Environment.ProcessorCount} cores";
        }
    }

    public string Description => _equation.ToString();

    public string EngineDescription { get; }

    public long CellsPerStep => _equation.Size.CellCount;

    /// <summary>The grid engine runs the grid as one tile, reading one cell around each.</summary>
    public static string? CheckGridEngine(TileGrid tiles, int halo) =>
        tiles.TileCount != 1 ? $"it computes the whole grid as one tile, so --tiles must be 1 (--engine kernel runs {tiles.Tiles.X}x{tiles.Tiles.Y} tiles)"
        : halo != 1 ? "it reads the 1-cell neighbourhood of each cell every step, so --halo must be 1"
        : null;

    /// <summary>The kernel engine runs each tile as one workgroup, so a tile has at most 1024 cells, and loads a 1-cell halo.</summary>
    public static string? CheckKernelEngine(TileGrid tiles, int halo)
    {
        GridSize tile = tiles.TileSize;
        if (tile.CellCount > LaunchOptions.MaxWorkgroupThreads)
            return $"each tile is one workgroup of at most {LaunchOptions.MaxWorkgroupThreads} threads, and {tile} tiles have {tile.CellCount} cells; use more tiles";
        return halo != 1 ? "each workgroup loads a 1-cell halo into shared memory every step, so --halo must be 1" : null;
    }

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

        if (_baseline is not null)
        {
            _baseline.Run(_field, steps);
            return;
        }

        for (int step = 0; step < steps; step++)
        {
            _backend!.Dispatch(_kernel!, new HeatKernelArgs(_equation, _field, _scratch));
            (_field, _scratch) = (_scratch, _field);
        }
    }

    public FieldPicture Picture()
    {
        _tiled?.SnapshotAsync(_field).GetAwaiter().GetResult();
        _cuda?.Download(_field);
        return new(_field, _equation.Size.Width, _equation.Size.Height, ColorMap.Inferno, CentredOnZero: false, "temperature");
    }

    public void Dispose()
    {
        _tiled?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cuda?.Dispose();
    }
}
