using RingKernel.Kernels;
using RingKernel.Metal.Shaders;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.Metal.Kernels;

/// <summary>
/// The Metal body of a kernel: an MSL translation of a Vulkan shader (<see cref="MetalShader"/>) and the
/// binder of that shader's resources, in the SPIR-V module's terms: storage buffer bindings 0 to
/// <see cref="StorageBufferCount"/> - 1 and <see cref="ConstantBytes"/> bytes of push constants, which the
/// backend passes at the buffer indices spirv-cross gave them. <see cref="MetalKernelBody.FromVulkan{TArgs}"/> makes it from the
/// kernel's Vulkan body; attach it with <see cref="MetalKernelDefinitionExtensions.WithMetal{TArgs}(KernelDefinition{TArgs})"/>.
/// </summary>
public sealed class MetalKernelBody<TArgs> : IKernelBody
{
    public MetalKernelBody(MetalShader shader, int storageBufferCount, int constantBytes, VulkanArgumentBinder<TArgs> bind)
    {
        ArgumentNullException.ThrowIfNull(shader);
        ArgumentNullException.ThrowIfNull(bind);
        if (storageBufferCount != shader.StorageBufferIndices.Count)
            throw new ArgumentOutOfRangeException(nameof(storageBufferCount), storageBufferCount, $"{shader} binds {shader.StorageBufferIndices.Count} storage buffer(s).");
        if (constantBytes < 0 || constantBytes > VulkanKernelBody<TArgs>.MaxPushConstantBytes || constantBytes % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(constantBytes), constantBytes, $"Push constants are a multiple of 4 bytes, at most {VulkanKernelBody<TArgs>.MaxPushConstantBytes}.");
        if (constantBytes > 0 && shader.ConstantsIndex is null)
            throw new ArgumentOutOfRangeException(nameof(constantBytes), constantBytes, $"{shader} takes no push constants.");
        Shader = shader;
        StorageBufferCount = storageBufferCount;
        ConstantBytes = constantBytes;
        Bind = bind;
    }

    public MetalShader Shader { get; }

    public int StorageBufferCount { get; }

    public int ConstantBytes { get; }

    /// <summary>Fills a dispatch's storage buffers and push constants from its arguments, as for Vulkan.</summary>
    public VulkanArgumentBinder<TArgs> Bind { get; }
}
