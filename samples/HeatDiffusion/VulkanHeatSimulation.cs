using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Stencils;

/// <summary>
/// Engines grid and kernel on a Vulkan device: grid is one thread per cell reading neighbours from
/// global memory, kernel one workgroup per tile with the tile and its 1-cell halo in shared memory;
/// each a dispatch per step.
/// </summary>
internal sealed class VulkanHeatSimulation : IStencilSimulation, IDisposable
{
    private readonly HeatEquation2D _equation;
    private readonly KernelDefinition<VulkanHeatArgs> _kernel;
    private readonly DeviceLevels<VulkanBackend> _levels;
    private readonly float[] _field;

    public VulkanHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _field = HeatSetup.InitialField(options.Size);
        _levels = new DeviceLevels<VulkanBackend>(static () => new VulkanBackend(), _field, _field);
        string device = _levels.Backend.Device.Name;
        if (options.Engine.Name == "kernel")
        {
            GridSize tile = options.Tiles.TileSize;
            _kernel = VulkanHeatKernel2D.Create(_equation, tile.Width, tile.Height, VulkanStencilMemory.SharedTile);
            EngineDescription = $"{options.Tiles}, one workgroup of {tile.Width}x{tile.Height} threads per tile, tile and 1-cell halo in shared memory, one dispatch per step, on {device}";
        }
        else
        {
            _kernel = VulkanHeatKernel2D.Create(_equation);
            EngineDescription = $"single grid, one thread per cell in 16x16 workgroups reading global memory, one dispatch per step, on {device}";
        }
    }

    public string Description => _equation.ToString();

    public string EngineDescription { get; }

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            _levels.Backend.Dispatch(_kernel, new VulkanHeatArgs(_levels.Newer, _levels.Older));
            _levels.Rotate();
        }
    }

    public FieldPicture Picture()
    {
        _levels.ReadNewer(_field);
        return HeatSetup.Picture(_field, _equation.Size);
    }

    public void Dispose() => _levels.Dispose();
}
