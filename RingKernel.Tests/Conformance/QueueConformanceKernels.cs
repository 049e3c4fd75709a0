using RingKernel.Cpu.Kernels;
using RingKernel.Cuda.Kernels;
using RingKernel.Kernels;
using RingKernel.Metal.Kernels;
using RingKernel.TestKernels;
using RingKernel.TestKernels.Vulkan;

namespace RingKernel.Tests.Conformance;

/// <summary>
/// The kernels of the command-queue conformance suite, each with a body per backend: the CPU's C#
/// workgroup body, the Vulkan shader (RingKernel.TestKernels/Vulkan/Shaders/saxpy.comp), its MSL
/// translation for Metal and the CUDA kernel (RingKernel.TestKernels/Cuda/Kernels/saxpy.cu).
/// </summary>
public static class QueueConformanceKernels
{
    private const string CudaSaxpy = "saxpy.cu";

    /// <summary><c>y = a x + y</c> over <paramref name="count"/> floats, one thread each.</summary>
    public static KernelDefinition<SaxpyArgs> Saxpy(int count)
    {
        return VulkanKernels.Saxpy(count)
            .WithCuda(new CudaKernelBody<SaxpyArgs>(CudaSaxpy, TestKernelFiles.CudaSource(CudaSaxpy), "saxpy", 4, static (args, ref parameters) =>
            {
                parameters.Address(args.X);
                parameters.Address(args.Y);
                parameters.Value(args.Count);
                parameters.Value(args.A);
            }))
            .WithCpuWorkgroup(static (workgroup, args) =>
            {
                int threads = workgroup.WorkgroupSize.X;
                int first = workgroup.WorkgroupIndex * threads;
                int count = Math.Min(threads, args.Count - first);
                if (count <= 0)
                    return;
                ReadOnlySpan<float> x = args.X.AsSpan<float>(first * (long)sizeof(float), count);
                Span<float> y = args.Y.AsSpan<float>(first * (long)sizeof(float), count);
                for (int i = 0; i < count; i++)
                    y[i] = (args.A * x[i]) + y[i];
            })
            .WithMetal();
    }
}
