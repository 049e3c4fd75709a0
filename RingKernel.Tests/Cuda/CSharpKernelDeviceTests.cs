using RingKernel.Cuda;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Memory;
using RingKernel.Cuda.Stencils;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Tests.Stencils;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// C# kernels on the device through the backend's own paths: a dispatch of a kernel definition
/// with a C# body, and the PTX disk cache found by a second backend. (The stencil solvers run them
/// in <see cref="CudaStencilTests"/>.)
/// </summary>
[Collection(CudaDeviceCollection.Name)]
public class CSharpKernelDeviceTests
{
    [SkippableFact]
    public async Task A_dispatched_csharp_kernel_with_shared_memory_computes_the_reference_step()
    {
        CudaFacts.SkipUnlessAvailable();
        var size = new GridSize(45, 29);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Fixed(0.37f));
        float[] initial = StencilFieldsForTests.Random(size, seed: 11);
        float[] expected = new float[size.CellCount];
        HeatReference2D.Step(equation, initial, expected);

        using var current = (CudaDeviceBuffer)CudaFacts.Backend.DeviceMemory.Allocate(size.CellCount * sizeof(float));
        using var next = (CudaDeviceBuffer)CudaFacts.Backend.DeviceMemory.Allocate(size.CellCount * sizeof(float));
        current.Upload<float>(initial);
        var block = new Dim3(8, 8);
        var kernel = new KernelDefinition<(CudaDeviceBuffer Current, CudaDeviceBuffer Next)>("heat2d_shared",
            new LaunchOptions(new Dim3((size.Width + 7) / 8, (size.Height + 7) / 8), block) { SharedMemoryBytes = CudaHeatKernels2D.SharedBytes(block) })
            .WithCuda(CSharpKernels.Body<(CudaDeviceBuffer Current, CudaDeviceBuffer Next)>(CudaHeatKernels2D.SharedStep, (args, ref parameters) =>
            {
                parameters.View<float>(args.Current);
                parameters.View<float>(args.Next);
                parameters.Value(equation.Size);
                parameters.Value(equation.Alpha);
                parameters.Value(equation.Boundary);
            }));
        await CudaFacts.Backend.DispatchAsync(kernel, (current, next));

        float[] actual = new float[size.CellCount];
        next.Download<float>(actual);
        StencilFieldsForTests.AssertBitwiseEqual(expected, actual, size);
    }

    [SkippableFact]
    public void A_second_backend_finds_the_ptx_of_a_csharp_kernel_in_the_disk_cache()
    {
        CudaFacts.SkipUnlessAvailable();
        DirectoryInfo directory = Directory.CreateTempSubdirectory("ringkernel-ilgpu-ptx-gpu-");
        try
        {
            var cache = new PtxCache(directory.FullName);
            foreach (bool expectHit in (bool[])[false, true])
            {
                using var backend = new CudaBackend(new CudaBackendOptions { PtxCache = cache });
                using var solver = new CudaWaveSolver3D(backend, new WaveEquation3D(new GridSize(8, 8, 8), 0.2f, StencilBoundary.Periodic), CudaStencilKernel.CSharp);
                solver.Run(1);
                Assert.Equal((1, expectHit ? 1 : 0), (backend.Modules.Compiled, backend.Modules.DiskCacheHits));
            }

            Assert.Single(Directory.GetFiles(directory.FullName, $"{nameof(CudaWaveKernels3D)}.Step-*.ptx"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
