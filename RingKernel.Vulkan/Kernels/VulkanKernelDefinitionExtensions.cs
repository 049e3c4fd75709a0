using RingKernel.Kernels;

namespace RingKernel.Vulkan.Kernels;

/// <summary>Attaches a Vulkan body to a kernel definition.</summary>
public static class VulkanKernelDefinitionExtensions
{
    /// <summary>The definition with <paramref name="body"/> as its Vulkan body (replacing one it had), next to the bodies other backends supplied.</summary>
    public static KernelDefinition<TArgs> WithVulkan<TArgs>(this KernelDefinition<TArgs> definition, VulkanKernelBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.WithBody(body);
    }
}
