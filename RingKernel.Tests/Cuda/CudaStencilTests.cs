using RingKernel.Cuda.Stencils;
using RingKernel.Stencils;

namespace RingKernel.Tests.Cuda;

/// <summary>The CUDA stencils match the C# references bit for bit, whole-grid and as tiles exchanging halos over device K2K.</summary>
[Collection(CudaDeviceCollection.Name)]
public class CudaStencilTests
{
    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Heat_2D_is_bit_identical_to_the_reference(bool periodic)
    {
        CudaFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(67, 45), 0.23f, periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(0.5f));
        float[] expected = RandomField(equation.Size.CellCount, seed: 1);
        float[] actual = (float[])expected.Clone();
        HeatReference2D.Run(equation, expected, 25);

        using var solver = new CudaHeatSolver2D(CudaFacts.Backend, equation);
        solver.Upload(actual);
        solver.Run(25);
        solver.Download(actual);
        AssertBitIdentical(expected, actual);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Wave_3D_is_bit_identical_to_the_reference(bool periodic)
    {
        CudaFacts.SkipUnlessAvailable();
        var equation = new WaveEquation3D(new GridSize(21, 18, 13), 0.3f, periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(-0.25f));
        float[] previous = RandomField(equation.Size.CellCount, seed: 2);
        float[] current = RandomField(equation.Size.CellCount, seed: 3);
        float[] devicePrevious = (float[])previous.Clone(), deviceCurrent = (float[])current.Clone();
        WaveReference3D.Run(equation, previous, current, 17);

        using var solver = new CudaWaveSolver3D(CudaFacts.Backend, equation);
        solver.Upload(devicePrevious, deviceCurrent);
        solver.Run(17);
        solver.Download(devicePrevious, deviceCurrent);
        AssertBitIdentical(previous, devicePrevious);
        AssertBitIdentical(current, deviceCurrent);
    }

    [SkippableTheory]
    [InlineData(96, 64, 32, 16, true)]
    [InlineData(96, 64, 32, 16, false)]
    [InlineData(600, 8, 300, 4, true)]
    [InlineData(40, 40, 40, 40, true)]
    public void Heat_2D_as_tiles_exchanging_halos_over_device_k2k_is_bit_identical_to_the_reference(int width, int height, int tileWidth, int tileHeight, bool periodic)
    {
        CudaFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(width, height), 0.2f, periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(1f));
        float[] expected = RandomField(equation.Size.CellCount, seed: 4);
        float[] actual = (float[])expected.Clone();
        HeatReference2D.Run(equation, expected, 30);

        uint errors = CudaTiledHeat2D.Run(CudaFacts.Backend, equation, actual, 30, tileWidth, tileHeight);
        Assert.Equal(0u, errors);
        AssertBitIdentical(expected, actual);
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
