using RingKernel.Kernels;
using RingKernel.Metal;
using RingKernel.Metal.Kernels;
using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan.Stencils;

/// <summary>Engine grid on a Metal device: the Vulkan heat kernel's MSL, one thread per cell reading neighbours from shared memory, one dispatch per step.</summary>
internal sealed class MetalHeatSimulation : IStencilSimulation, IDisposable
{
    private readonly HeatEquation2D _equation;
    private readonly KernelDefinition<VulkanHeatArgs> _kernel;
    private readonly DeviceLevels<MetalBackend> _levels;
    private readonly float[] _field;

    public MetalHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _field = HeatSetup.InitialField(options.Size);
        _levels = new DeviceLevels<MetalBackend>(static () => new MetalBackend(), _field, _field);
        _kernel = VulkanHeatKernel2D.Create(_equation).WithMetal();
        EngineDescription = $"single grid, one thread per cell in 16x16 threadgroups reading global memory, one dispatch per step, on {_levels.Backend.DeviceName}";
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
