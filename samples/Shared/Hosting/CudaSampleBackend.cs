using RingKernel.Cuda;
using RingKernel.Samples.Cli;

namespace RingKernel.Samples.Hosting;

/// <summary>The CUDA backend a stencil sample runs on with --backend cuda, and why it cannot run a command line here.</summary>
public static class CudaSampleBackend
{
    private static readonly Lazy<CudaBackend> Shared = new(() => new CudaBackend());

    public static CudaBackend Backend => Shared.Value;

    /// <summary>Null when the options run on CUDA here; otherwise one line: what is missing, or what to change.</summary>
    public static string? Check(StencilOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Backend.IsAvailable)
            return Backend.UnavailableReason;
        return options.Engine.Name == "grid" || (options.Engine.Name == "tiles" && options.Size.Is2D)
            ? null
            : $"it runs --engine grid (the whole grid per step on the device), and tiles for 2D heat (every tile a block), not '{options.Engine.Name}'{(options.Engine.Name == "tiles" ? " in 3D" : "")}";
    }
}
