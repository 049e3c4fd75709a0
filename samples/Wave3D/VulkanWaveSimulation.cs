using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Halo;
using RingKernel.Vulkan.Stencils;

/// <summary>
/// The wave run on a Vulkan device, same pulse and c2 as the CPU engines (<see cref="WaveSetup"/>): engine grid
/// is one thread per cell with an 8x8x4 box and its apron in shared memory, a dispatch per step;
/// engine tiles is one workgroup per tile exchanging halos with its neighbours over K2K inboxes in
/// device memory, one dispatch per epoch of --halo steps.
/// </summary>
internal sealed class VulkanWaveSimulation : IStencilSimulation, IDisposable
{
    private readonly WaveEquation3D _equation;
    private readonly VulkanBackend _backend;
    private readonly float[] _previous;
    private readonly float[] _current;
    private readonly KernelDefinition<VulkanWaveArgs>? _kernel;
    private readonly VulkanTiledStencil? _tiled;
    private DeviceBuffer? _older;
    private DeviceBuffer? _newer;

    public VulkanWaveSimulation(StencilOptions options)
    {
        _equation = WaveSetup.Equation(options);
        _current = WaveSetup.InitialField(options.Size);
        _previous = (float[])_current.Clone(); // at rest: no initial velocity
        _backend = new VulkanBackend();
        string device = _backend.Device.Name;
        if (options.Engine.Name == "tiles")
        {
            _tiled = VulkanTiledStencil.ForWave(_backend, _equation, options.Tiles.Tiles, options.Halo, _previous, _current);
            EngineDescription = $"{options.Tiles}, one workgroup per tile with a {options.Halo}-cell halo over {_tiled.Fabric.RouteCount} K2K routes in device memory, one dispatch per {options.Halo} step(s), on {device}";
            return;
        }

        _kernel = VulkanWaveKernel3D.Create(_equation, VulkanStencilMemory.SharedTile);
        EngineDescription = $"single grid, one thread per cell in 8x8x4 workgroups with the box and its apron in shared memory, one dispatch per step, on {device}";
        long bytes = (long)_current.Length * sizeof(float);
        _older = _backend.MemorySpace.Allocate(bytes);
        _newer = _backend.MemorySpace.Allocate(bytes);
        _previous.CopyTo(_older.AsSpan<float>(0, _previous.Length));
        _current.CopyTo(_newer.AsSpan<float>(0, _current.Length));
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
            // The new level is written over the older one, which then becomes the newer.
            _backend.Dispatch(_kernel!, new VulkanWaveArgs(_older!, _newer!));
            (_older, _newer) = (_newer, _older);
        }
    }

    public FieldPicture Picture()
    {
        if (_tiled is not null)
            _tiled.Snapshot();
        else
            _newer!.AsSpan<float>(0, _current.Length).CopyTo(_current);
        return WaveSetup.Picture(_current, _equation.Size);
    }

    public void Dispose()
    {
        _tiled?.Dispose();
        _older?.Dispose();
        _newer?.Dispose();
        _backend.Dispose();
    }
}
