using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Halo;
using RingKernel.Vulkan.Stencils;

/// <summary>
/// The heat-diffusion run on a Vulkan device, same start and alpha as the CPU engines (<see cref="HeatSetup"/>):
/// engine grid is one thread per cell reading neighbours from global memory, engine kernel one
/// workgroup per tile with the tile and its 1-cell halo in shared memory, each a dispatch per step;
/// engine tiles is one workgroup per tile exchanging halos with its neighbours over K2K inboxes in
/// device memory, one dispatch per epoch of --halo steps.
/// </summary>
internal sealed class VulkanHeatSimulation : IStencilSimulation, IDisposable
{
    private readonly HeatEquation2D _equation;
    private readonly VulkanBackend _backend;
    private readonly float[] _field;
    private readonly KernelDefinition<VulkanHeatArgs>? _kernel;
    private readonly VulkanTiledStencil? _tiled;
    private DeviceBuffer? _current;
    private DeviceBuffer? _next;

    public VulkanHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _field = HeatSetup.InitialField(options.Size);
        _backend = new VulkanBackend();
        string device = _backend.Device.Name;
        if (options.Engine.Name == "tiles")
        {
            _tiled = VulkanTiledStencil.ForHeat(_backend, _equation, options.Tiles.Tiles, options.Halo, _field);
            EngineDescription = $"{options.Tiles}, one workgroup per tile with a {options.Halo}-cell halo over {_tiled.Fabric.RouteCount} K2K routes in device memory, one dispatch per {options.Halo} step(s), on {device}";
            return;
        }

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

        long bytes = (long)_field.Length * sizeof(float);
        _current = _backend.MemorySpace.Allocate(bytes);
        _next = _backend.MemorySpace.Allocate(bytes);
        _field.CopyTo(_current.AsSpan<float>(0, _field.Length));
    }

    public string Description => _equation.ToString();

    public string EngineDescription { get; }

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps)
    {
        if (_tiled is not null)
        {
            _tiled.RunSteps(steps);
            return;
        }

        for (int step = 0; step < steps; step++)
        {
            _backend.Dispatch(_kernel!, new VulkanHeatArgs(_current!, _next!));
            (_current, _next) = (_next, _current);
        }
    }

    public FieldPicture Picture()
    {
        if (_tiled is not null)
            _tiled.Snapshot();
        else
            _current!.AsSpan<float>(0, _field.Length).CopyTo(_field);
        return HeatSetup.Picture(_field, _equation.Size);
    }

    public void Dispose()
    {
        _tiled?.Dispose();
        _current?.Dispose();
        _next?.Dispose();
        _backend.Dispose();
    }
}
