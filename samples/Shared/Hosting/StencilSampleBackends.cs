using RingKernel.Samples.Cli;
using RingKernel.Vulkan;

namespace RingKernel.Samples.Hosting;

/// <summary>The backends the stencil samples have kernels for, each with its check (see <see cref="StencilSampleSpec.Backends"/>).</summary>
public static class StencilSampleBackends
{
    /// <summary>The CPU, Vulkan, CUDA and Metal, in the order the usage lists them.</summary>
    public static IReadOnlyDictionary<string, Func<StencilOptions, string?>> All { get; } = new Dictionary<string, Func<StencilOptions, string?>>
    {
        ["cpu"] = static _ => null,
        ["vulkan"] = static _ => VulkanBackend.UnavailableReason,
        ["cuda"] = CudaSampleBackend.Check,
        ["metal"] = MetalSampleBackend.Check,
    };
}
