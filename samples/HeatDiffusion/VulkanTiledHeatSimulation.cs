using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan.Halo;

/// <summary>Engine tiles on a Vulkan device: one workgroup per tile exchanging halos over K2K inboxes in device memory.</summary>
internal sealed class VulkanTiledHeatSimulation : IStencilSimulation, IDisposable
{
    private readonly HeatEquation2D _equation;
    private readonly VulkanTiledRun _run;
    private readonly float[] _field;

    public VulkanTiledHeatSimulation(StencilOptions options)
    {
        _equation = HeatSetup.Equation(options);
        _field = HeatSetup.InitialField(options.Size);
        _run = new VulkanTiledRun(options, backend => VulkanTiledStencil.ForHeat(backend, _equation, options.Tiles.Tiles, options.Halo, _field));
    }

    public string Description => _equation.ToString();

    public string EngineDescription => _run.Description;

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps) => _run.RunSteps(steps);

    public FieldPicture Picture()
    {
        _run.Snapshot();
        return HeatSetup.Picture(_field, _equation.Size);
    }

    public void Dispose() => _run.Dispose();
}
