using RingKernel.Cuda.Compilation;
using RingKernel.TestKernels;

namespace RingKernel.Tests.Cuda;

/// <summary>The CUDA C programs of the backend (RingKernel.Cuda/Kernels) and of the test kernels (RingKernel.TestKernels/Cuda/Kernels), by file name.</summary>
internal static class CudaProgramFiles
{
    public static IReadOnlyList<string> Names { get; } = [.. CudaKernelSources.ProgramNames.Concat(TestKernelFiles.CudaProgramNames).Order(StringComparer.Ordinal)];

    public static string Read(string fileName) =>
        CudaKernelSources.ProgramNames.Contains(fileName) ? CudaKernelSources.Read(fileName) : TestKernelFiles.CudaSource(fileName);
}
