using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Samples.Imaging;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Halo;
using RingKernel.Vulkan.Stencils;

/// <summary>
/// The wave run on a Vulkan device, same pulse and c2 as <see cref="WaveSimulation"/>: engine grid
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
        _equation = new WaveEquation3D(options.Size, WaveSimulation.C2, options.StencilBoundary);
        _current = InitialConditions.GaussianPulse(options.Size, amplitude: 1f, sigmaFraction: 0.04);
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
        GridSize size = _equation.Size;
        int z = size.Depth / 2;
        float[] plane = _current.AsSpan(size.Index(0, 0, z), size.PlaneCells).ToArray();
        return new FieldPicture(plane, size.Width, size.Height, ColorMap.CoolWarm, CentredOnZero: true, $"displacement in the plane z = {z}");
    }

    public void Dispose()
    {
        _tiled?.Dispose();
        _older?.Dispose();
        _newer?.Dispose();
        _backend.Dispose();
    }
}
