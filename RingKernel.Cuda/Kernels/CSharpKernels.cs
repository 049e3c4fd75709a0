using System.Reflection;
using ILGPU;

namespace RingKernel.Cuda.Kernels;

/// <summary>
/// CUDA bodies written in C#: a static method against ILGPU's explicitly grouped kernel API (the
/// indices of <see cref="Grid"/> and <see cref="Group"/>, <see cref="SharedMemory"/>,
/// <see cref="Group.Barrier"/>, <see cref="Atomic"/>), which the CUDA backend compiles to PTX with
/// ILGPU and launches like a CUDA C body, on its streams and command queues, with the options of
/// the kernel definition (grid, block, dynamic shared memory bytes). The same method runs on ILGPU's
/// CPU accelerator, which is how such kernels are tested without a GPU.
/// </summary>
public static class CSharpKernels
{
    /// <summary>
    /// The CUDA body of <paramref name="kernel"/>, whose parameters <paramref name="bind"/> writes in
    /// order: an <see cref="ArrayView{T}"/> with <see cref="ArrayViewParameters.View"/>, any other
    /// unmanaged value (a scalar or a struct) with <see cref="CudaParameters.Value"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kernel"/> is not a static method returning void, or is an implicitly grouped kernel (its first parameter an index).</exception>
    public static CudaKernelBody<TArgs> Body<TArgs>(Delegate kernel, CudaArgumentBinder<TArgs> bind)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        MethodInfo method = kernel.Method;
        if (kernel.Target is not null)
            throw new ArgumentException($"A C# kernel is a static method; {method.Name} is bound to an instance.", nameof(kernel));
        ParameterInfo[] parameters = method.GetParameters();
        if (parameters.Length > 0 && IsIndex(parameters[0].ParameterType))
        {
            throw new ArgumentException(
                $"{method.Name} is an implicitly grouped kernel (its first parameter is a {parameters[0].ParameterType.Name}); a CUDA body takes its indices from Grid and Group.", nameof(kernel));
        }

        return new CudaKernelBody<TArgs>(method, parameters.Length, bind);
    }

    private static bool IsIndex(Type type) =>
        type == typeof(Index1D) || type == typeof(Index2D) || type == typeof(Index3D) ||
        type == typeof(LongIndex1D) || type == typeof(LongIndex2D) || type == typeof(LongIndex3D);
}
