using RingKernel.Metal;
using RingKernel.Metal.Stencils;
using RingKernel.Samples.Cli;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// The tiles engine on a Metal device: one threadgroup per tile exchanging halos over K2K inboxes in
/// shared memory (<see cref="MetalTiledStencil"/>), a dispatch per epoch of --halo steps.
/// </summary>
public sealed class MetalTiledRun : IDisposable
{
    private readonly MetalBackend _backend;
    private readonly MetalTiledStencil _tiled;

    /// <param name="options">The command line (tiles and halo).</param>
    /// <param name="start">Loads the fields onto the device and tiles them.</param>
    public MetalTiledRun(StencilOptions options, Func<MetalBackend, MetalTiledStencil> start)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(start);
        _backend = new MetalBackend();
        try
        {
            _tiled = start(_backend);
        }
        catch
        {
            _backend.Dispose();
            throw;
        }

        Description = $"{options.Tiles}, one threadgroup per tile with a halo of {options.Halo} cell(s) over {_tiled.Fabric.RouteCount} K2K routes in shared memory, one dispatch per {options.Halo} step(s), on {_backend.DeviceName}";
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
