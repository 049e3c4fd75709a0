using RingKernel.Metal.Shaders;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.Metal.Kernels;

/// <summary>Makes Metal bodies from Vulkan ones.</summary>
public static class MetalKernelBody
{
    /// <summary>The Metal body of a Vulkan body: the committed MSL translation of its SPIR-V module, with its binder.</summary>
    /// <exception cref="ArgumentException">The module has no translation (see <see cref="MetalShaders"/>).</exception>
    public static MetalKernelBody<TArgs> FromVulkan<TArgs>(VulkanKernelBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!MetalShaders.TryFind(body.Spirv.Span, out MetalShader? shader))
            throw new ArgumentException($"This SPIR-V module has no MSL translation; the translated shaders are {string.Join(", ", MetalShaders.Names)} (RingKernel.Metal/README.md says which cannot be translated and why).", nameof(body));
        return new MetalKernelBody<TArgs>(shader, body.StorageBufferCount, body.PushConstantBytes, body.Bind);
    }
}
