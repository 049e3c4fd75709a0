using RingKernel.Samples.Cli;
using RingKernel.Samples.Hosting;
using RingKernel.Stencils;
using RingKernel.Vulkan.Halo;

/// <summary>Engine tiles on a Vulkan device: one workgroup per tile exchanging halos over K2K inboxes in device memory.</summary>
internal sealed class VulkanTiledWaveSimulation : IStencilSimulation, IDisposable
{
    private readonly WaveEquation3D _equation;
    private readonly VulkanTiledRun _run;
    private readonly float[] _current;

    public VulkanTiledWaveSimulation(StencilOptions options)
    {
        _equation = WaveSetup.Equation(options);
        _current = WaveSetup.InitialField(options.Size);
        float[] previous = (float[])_current.Clone(); // at rest: no initial velocity
        _run = new VulkanTiledRun(options, backend => VulkanTiledStencil.ForWave(backend, _equation, options.Tiles.Tiles, options.Halo, previous, _current));
    }

    public string Description => _equation.ToString();

    public string EngineDescription => _run.Description;

    public long CellsPerStep => _equation.Size.CellCount;

    public void RunSteps(int steps) => _run.RunSteps(steps);

    public FieldPicture Picture()
    {
        _run.Snapshot();
        return WaveSetup.Picture(_current, _equation.Size);
    }

    public void Dispose() => _run.Dispose();
}
