using RingKernel.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Stencils;

/// <summary>Engine grid on a Vulkan device: one thread per cell with an 8x8x4 box and its apron in shared memory, a dispatch per step.</summary>
internal sealed class VulkanWaveSimulation : IStencilSimulation, IDisposable
{
    private readonly WaveEquation3D _equation;
    private readonly KernelDefinition<VulkanWaveArgs> _kernel;
    private readonly DeviceLevels<VulkanBackend> _levels;
    private readonly float[] _current;

    public VulkanWaveSimulation(StencilOptions options)
    {
        _equation = WaveSetup.Equation(options);
        _current = WaveSetup.InitialField(options.Size);
        _levels = new DeviceLevels<VulkanBackend>(static () => new VulkanBackend(), _current, _current); // at rest: no initial velocity
        _kernel = VulkanWaveKernel3D.Create(_equation, VulkanStencilMemory.SharedTile);
        EngineDescription = $"single grid, one thread per cell in 8x8x4 workgroups with the box and its apron in shared memory, one dispatch per step, on {_levels.Backend.Device.Name}";
    }

    public string Description => _equation.ToString();

    public string EngineDescription { get; }

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            _levels.Backend.Dispatch(_kernel, new VulkanWaveArgs(_levels.Older, _levels.Newer));
            _levels.Rotate();
        }
    }

    public FieldPicture Picture()
    {
        _levels.ReadNewer(_current);
        return WaveSetup.Picture(_current, _equation.Size);
    }

    public void Dispose() => _levels.Dispose();
}
