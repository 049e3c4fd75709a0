using ILGPU;
using ILGPU.Runtime;
using RingKernel.Cuda.Stencils;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Tests.Stencils;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The C# CUDA stencil kernels, global-memory and shared-memory, run on ILGPU's CPU accelerator
/// and match the references bit for bit: both boundaries, blocks that do not divide the grid, and
/// grids one cell thick along an axis. (The same methods compiled to PTX run on a GPU in
/// <see cref="CudaStencilTests"/>.)
/// </summary>
public sealed class CSharpStencilKernelTests(IlgpuCpuAccelerator cpu) : IClassFixture<IlgpuCpuAccelerator>
{
    private const int Steps = 3;

    [Theory]
    [InlineData(7, 5, "periodic", false)]
    [InlineData(7, 5, "fixed", false)]
    [InlineData(1, 6, "periodic", false)]
    [InlineData(6, 1, "fixed", false)]
    [InlineData(1, 1, "periodic", false)]
    [InlineData(7, 5, "periodic", true)]
    [InlineData(7, 5, "fixed", true)]
    [InlineData(1, 6, "fixed", true)]
    [InlineData(6, 1, "periodic", true)]
    [InlineData(1, 1, "fixed", true)]
    public void Heat_2D_is_bit_identical_to_the_reference(int width, int height, string boundary, bool sharedMemory)
    {
        var size = new GridSize(width, height);
        var equation = new HeatEquation2D(size, 0.23f, StencilFieldsForTests.Boundary(boundary));
        float[] expected = StencilFieldsForTests.Random(size, seed: width + (100 * height));
        float[] initial = (float[])expected.Clone();
        HeatReference2D.Run(equation, expected, Steps);

        var block = new Dim3(4, 4);
        Action<KernelConfig, ArrayView<float>, ArrayView<float>, GridSize, float, StencilBoundary> step =
            cpu.Accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, GridSize, float, StencilBoundary>(
                sharedMemory ? CudaHeatKernels2D.SharedStep : CudaHeatKernels2D.Step);
        KernelConfig config = Config(size, block, sharedMemory ? CudaHeatKernels2D.SharedBytes(block) : 0);
        using MemoryBuffer1D<float, Stride1D.Dense> first = cpu.Accelerator.Allocate1D(initial);
        using MemoryBuffer1D<float, Stride1D.Dense> second = cpu.Accelerator.Allocate1D<float>(size.CellCount);
        ArrayView<float> current = first.View, next = second.View;
        for (int i = 0; i < Steps; i++)
        {
            step(config, current, next, size, equation.Alpha, equation.Boundary);
            (current, next) = (next, current);
        }

        cpu.Accelerator.Synchronize();
        StencilFieldsForTests.AssertBitwiseEqual(expected, Read(current), size);
    }

    [Theory]
    [InlineData(5, 4, 3, "periodic", false)]
    [InlineData(5, 4, 3, "fixed", false)]
    [InlineData(1, 4, 3, "periodic", false)]
    [InlineData(5, 1, 3, "fixed", false)]
    [InlineData(5, 4, 1, "periodic", false)]
    [InlineData(5, 4, 3, "periodic", true)]
    [InlineData(5, 4, 3, "fixed", true)]
    [InlineData(1, 4, 3, "fixed", true)]
    [InlineData(5, 1, 3, "periodic", true)]
    [InlineData(5, 4, 1, "fixed", true)]
    public void Wave_3D_stepping_in_place_is_bit_identical_to_the_reference(int width, int height, int depth, string boundary, bool sharedMemory)
    {
        var size = new GridSize(width, height, depth);
        var equation = new WaveEquation3D(size, 0.3f, StencilFieldsForTests.Boundary(boundary));
        float[] expectedPrevious = StencilFieldsForTests.Random(size, seed: width + (100 * height) + (10_000 * depth));
        float[] expectedCurrent = StencilFieldsForTests.Random(size, seed: 1 + width + (100 * height) + (10_000 * depth));
        float[] initialPrevious = (float[])expectedPrevious.Clone(), initialCurrent = (float[])expectedCurrent.Clone();
        WaveReference3D.Run(equation, expectedPrevious, expectedCurrent, Steps);

        var block = new Dim3(4, 2, 2);
        Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GridSize, float, StencilBoundary> step =
            cpu.Accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GridSize, float, StencilBoundary>(
                sharedMemory ? CudaWaveKernels3D.SharedStep : CudaWaveKernels3D.Step);
        KernelConfig config = Config(size, block, sharedMemory ? CudaWaveKernels3D.SharedBytes(block) : 0);
        using MemoryBuffer1D<float, Stride1D.Dense> first = cpu.Accelerator.Allocate1D(initialPrevious);
        using MemoryBuffer1D<float, Stride1D.Dense> second = cpu.Accelerator.Allocate1D(initialCurrent);
        ArrayView<float> previous = first.View, current = second.View;
        for (int i = 0; i < Steps; i++)
        {
            step(config, previous, current, previous, size, equation.C2, equation.Boundary);
            (previous, current) = (current, previous);
        }

        cpu.Accelerator.Synchronize();
        StencilFieldsForTests.AssertBitwiseEqual(expectedPrevious, Read(previous), size);
        StencilFieldsForTests.AssertBitwiseEqual(expectedCurrent, Read(current), size);
    }

    private static KernelConfig Config(GridSize size, Dim3 block, int sharedBytes) => new(
        new Index3D((size.Width + block.X - 1) / block.X, (size.Height + block.Y - 1) / block.Y, (size.Depth + block.Z - 1) / block.Z),
        new Index3D(block.X, block.Y, block.Z),
        sharedBytes == 0 ? default : SharedMemoryConfig.RequestDynamic<float>(sharedBytes / sizeof(float)));

    private static float[] Read(ArrayView<float> view)
    {
        float[] values = new float[view.Length];
        view.CopyToCPU(values);
        return values;
    }
}
