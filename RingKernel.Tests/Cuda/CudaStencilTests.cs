using RingKernel.Cuda.Stencils;
using RingKernel.Stencils;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The CUDA stencils match the C# references bit for bit: whole-grid with the CUDA C kernels and
/// with the C# ones compiled by ILGPU (global and shared memory), and as tiles exchanging halos over
/// device K2K.
/// </summary>
[Collection(CudaDeviceCollection.Name)]
public class CudaStencilTests
{
    [SkippableTheory]
    [InlineData(67, 45, true, CudaStencilKernel.CudaC)]
    [InlineData(67, 45, false, CudaStencilKernel.CudaC)]
    [InlineData(67, 45, true, CudaStencilKernel.CSharp)]
    [InlineData(67, 45, false, CudaStencilKernel.CSharp)]
    [InlineData(67, 45, true, CudaStencilKernel.CSharpSharedMemory)]
    [InlineData(67, 45, false, CudaStencilKernel.CSharpSharedMemory)]
    [InlineData(1, 37, true, CudaStencilKernel.CSharpSharedMemory)]
    [InlineData(37, 1, false, CudaStencilKernel.CSharpSharedMemory)]
    public void Heat_2D_is_bit_identical_to_the_reference(int width, int height, bool periodic, CudaStencilKernel kernel)
    {
        CudaFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(width, height), 0.23f, periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(0.5f));
        float[] expected = RandomField(equation.Size.CellCount, seed: 1);
        float[] actual = (float[])expected.Clone();
        HeatReference2D.Run(equation, expected, 25);

        using var solver = new CudaHeatSolver2D(CudaFacts.Backend, equation, kernel);
        solver.Upload(actual);
        solver.Run(25);
        solver.Download(actual);
        AssertBitIdentical(expected, actual);
    }

    [SkippableTheory]
    [InlineData(21, 18, 13, true, CudaStencilKernel.CudaC)]
    [InlineData(21, 18, 13, false, CudaStencilKernel.CudaC)]
    [InlineData(21, 18, 13, true, CudaStencilKernel.CSharp)]
    [InlineData(21, 18, 13, false, CudaStencilKernel.CSharp)]
    [InlineData(21, 18, 13, true, CudaStencilKernel.CSharpSharedMemory)]
    [InlineData(21, 18, 13, false, CudaStencilKernel.CSharpSharedMemory)]
    [InlineData(1, 18, 13, false, CudaStencilKernel.CSharpSharedMemory)]
    [InlineData(21, 18, 1, true, CudaStencilKernel.CSharpSharedMemory)]
    public void Wave_3D_is_bit_identical_to_the_reference(int width, int height, int depth, bool periodic, CudaStencilKernel kernel)
    {
        CudaFacts.SkipUnlessAvailable();
        var equation = new WaveEquation3D(new GridSize(width, height, depth), 0.3f, periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(-0.25f));
        float[] previous = RandomField(equation.Size.CellCount, seed: 2);
        float[] current = RandomField(equation.Size.CellCount, seed: 3);
        float[] devicePrevious = (float[])previous.Clone(), deviceCurrent = (float[])current.Clone();
        WaveReference3D.Run(equation, previous, current, 17);

        using var solver = new CudaWaveSolver3D(CudaFacts.Backend, equation, kernel);
        solver.Upload(devicePrevious, deviceCurrent);
        solver.Run(17);
        solver.Download(devicePrevious, deviceCurrent);
        AssertBitIdentical(previous, devicePrevious);
        AssertBitIdentical(current, deviceCurrent);
    }

    private static float[] RandomField(int cells, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, cells).Select(_ => (float)random.NextDouble())];
    }

    private static void AssertBitIdentical(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"Cell {i}: expected {expected[i]:R}, got {actual[i]:R}.");
        }
    }
}
