using RingKernel.Metal;
using RingKernel.Samples.Cli;

namespace RingKernel.Samples.Hosting;

/// <summary>Whether a stencil sample's command line runs with --backend metal here, and why not.</summary>
public static class MetalSampleBackend
{
    /// <summary>Null when the options run on Metal here; otherwise one line: what is missing, or what to change.</summary>
    public static string? Check(StencilOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!MetalBackend.IsAvailable)
            return MetalBackend.UnavailableReason;
        return options.Engine.Name is "grid" or "tiles" ? null
            : $"it runs --engine grid or tiles, not '{options.Engine.Name}' (its shared-memory kernel has no MSL translation: MSL cannot size the tile by the workgroup size)";
    }
}
