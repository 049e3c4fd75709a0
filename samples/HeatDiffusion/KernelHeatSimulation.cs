using RingKernel.Cpu;
using RingKernel.Cpu.Stencils;
using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;

/// <summary>Engine kernel: a GPU-style kernel per step on the CPU backend, one workgroup per tile, one coroutine thread per cell, tile and 1-cell halo in shared memory.</summary>
internal sealed class KernelHeatSimulation : IStencilSimulation
{
    private readonly HeatEquation2D _equation;
    private readonly KernelDefinition<CpuHeatArgs> _kernel;
    private readonly CpuBackend _backend = new();
    private float[] _field;
    private float[] _scratch;

    public KernelHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _field = HeatSetup.InitialField(options.Size);
        _scratch = new float[_field.Length];
        GridSize tile = options.Tiles.TileSize;
        _kernel = CpuHeatKernel2D.Create(_equation, tile.Width, tile.Height);
        EngineDescription = $"{options.Tiles}, one workgroup of {tile.Width}x{tile.Height} coroutine threads per tile, dispatched once per step over {_backend.WorkerCount} cores";
    }

    public string Description => _equation.ToString();

    public string EngineDescription { get; }

    public long CellsPerStep => _equation.Size.CellCount;

    /// <summary>Each tile is one workgroup, so a tile has at most 1024 cells, and loads a 1-cell halo.</summary>
    public static string? Check(TileGrid tiles, int halo)
    {
        GridSize tile = tiles.TileSize;
        if (tile.CellCount > LaunchOptions.MaxWorkgroupThreads)
            return $"each tile is one workgroup of at most {LaunchOptions.MaxWorkgroupThreads} threads, and {tile} tiles have {tile.CellCount} cells; use more tiles";
        return halo != 1 ? "each workgroup loads a 1-cell halo into shared memory every step, so --halo must be 1" : null;
    }

    public void RunSteps(int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            _backend.Dispatch(_kernel, new CpuHeatArgs(_equation, _field, _scratch));
            (_field, _scratch) = (_scratch, _field);
        }
    }

    public FieldPicture Picture() => HeatSetup.Picture(_field, _equation.Size);
}
