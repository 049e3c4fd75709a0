using RingKernel.Samples.Cli;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Halo;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// The tiles engine on a Vulkan device: one workgroup per tile exchanging halos over K2K inboxes in
/// device memory (<see cref="VulkanTiledStencil"/>), a dispatch per epoch of --halo steps.
/// </summary>
public sealed class VulkanTiledRun : IDisposable
{
    private readonly VulkanBackend _backend;
    private readonly VulkanTiledStencil _tiled;

    /// <param name="options">The command line (tiles and halo).</param>
    /// <param name="start">Loads the fields onto the device and tiles them.</param>
    public VulkanTiledRun(StencilOptions options, Func<VulkanBackend, VulkanTiledStencil> start)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(start);
        _backend = new VulkanBackend();
        try
        {
            _tiled = start(_backend);
        }
        catch
        {
            _backend.Dispose();
            throw;
        }

        Description = $"{options.Tiles}, one workgroup per tile with a halo of {options.Halo} cell(s) over {_tiled.Fabric.RouteCount} K2K routes in device memory, one dispatch per {options.Halo} step(s), on {_backend.Device.Name}";
    }

    public string Description { get; }

    public void RunSteps(int steps) => _tiled.RunSteps(steps);

    /// <summary>Writes the tiles' fields back into the arrays the run was started with.</summary>
    public void Snapshot() => _tiled.Snapshot();

    public void Dispose()
    {
        _tiled.Dispose();
        _backend.Dispose();
    }
}
