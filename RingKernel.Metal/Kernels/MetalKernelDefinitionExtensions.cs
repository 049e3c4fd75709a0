using RingKernel.Kernels;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.Metal.Kernels;

/// <summary>Attaches Metal bodies to kernel definitions.</summary>
public static class MetalKernelDefinitionExtensions
{
    /// <summary><paramref name="kernel"/> with <paramref name="body"/> as its Metal body.</summary>
    public static KernelDefinition<TArgs> WithMetal<TArgs>(this KernelDefinition<TArgs> kernel, MetalKernelBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return kernel.WithBody(body);
    }

    /// <summary><paramref name="kernel"/> with the Metal body made from its Vulkan body (<see cref="MetalKernelBody.FromVulkan{TArgs}"/>).</summary>
    /// <exception cref="ArgumentException">The kernel has no Vulkan body, or its module has no MSL translation.</exception>
    public static KernelDefinition<TArgs> WithMetal<TArgs>(this KernelDefinition<TArgs> kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!kernel.TryGetBody(out VulkanKernelBody<TArgs>? vulkan))
            throw new ArgumentException($"Kernel '{kernel.Name}' has no Vulkan body to translate; give it a MetalKernelBody instead.", nameof(kernel));
        return kernel.WithBody(MetalKernelBody.FromVulkan(vulkan));
    }
}
