using RingKernel.Kernels;

namespace RingKernel.Cuda.Kernels;

/// <summary>Attaches a CUDA body to a kernel definition.</summary>
public static class CudaKernelDefinitionExtensions
{
    /// <summary>The definition with <paramref name="body"/> as its CUDA body (replacing one it had), next to the bodies other backends supplied.</summary>
    public static KernelDefinition<TArgs> WithCuda<TArgs>(this KernelDefinition<TArgs> definition, CudaKernelBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.WithBody(body);
    }
}
