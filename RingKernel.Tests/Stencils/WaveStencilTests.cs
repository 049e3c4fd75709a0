using System.Numerics;
using RingKernel.Stencils;

namespace RingKernel.Tests.Stencils;

public class WaveStencilTests
{
    public static TheoryData<int, int, int, string> Grids
    {
        get
        {
            var data = new TheoryData<int, int, int, string>();
            int[][] sizes = [[1, 1, 1], [2, 3, 2], [5, 7, 3], [17, 9, 11], [32, 32, 8], [3, 40, 2], [41, 2, 5], [7, 6, 1], [1, 6, 5], [6, 1, 5]];
            foreach (int[] s in sizes)
            {
                foreach (string boundary in new[] { "periodic", "fixed0", "fixed" })
                    data.Add(s[0], s[1], s[2], boundary);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Grids))]
    public void Baseline_equals_reference_bit_for_bit(int width, int height, int depth, string boundary)
    {
        var size = new GridSize(width, height, depth);
        var equation = new WaveEquation3D(size, 0.3f, StencilFieldsForTests.Boundary(boundary));
        float[] expectedPrevious = StencilFieldsForTests.Random(size, seed: width + (100 * height) + (10_000 * depth));
        float[] expectedCurrent = StencilFieldsForTests.Random(size, seed: 1 + width + (100 * height) + (10_000 * depth));
        float[] actualPrevious = (float[])expectedPrevious.Clone();
        float[] actualCurrent = (float[])expectedCurrent.Clone();

        WaveReference3D.Run(equation, expectedPrevious, expectedCurrent, steps: 5);
        new WaveBaseline3D(equation).Run(actualPrevious, actualCurrent, steps: 5);

        StencilFieldsForTests.AssertBitwiseEqual(expectedCurrent, actualCurrent, size);
        StencilFieldsForTests.AssertBitwiseEqual(expectedPrevious, actualPrevious, size);
    }

    [Fact]
    public void Baseline_equals_reference_from_a_gaussian_pulse_over_many_steps()
    {
        var size = new GridSize(37, 24, 19);
        var equation = new WaveEquation3D(size, WaveEquation3D.MaxC2, StencilBoundary.Periodic);
        float[] expectedPrevious = InitialConditions.GaussianPulse(size, sigmaFraction: 0.1);
        float[] expectedCurrent = (float[])expectedPrevious.Clone();
        float[] actualPrevious = (float[])expectedPrevious.Clone();
        float[] actualCurrent = (float[])expectedPrevious.Clone();

        WaveReference3D.Run(equation, expectedPrevious, expectedCurrent, steps: 24);
        new WaveBaseline3D(equation).Run(actualPrevious, actualCurrent, steps: 24);

        StencilFieldsForTests.AssertBitwiseEqual(expectedCurrent, actualCurrent, size);
        StencilFieldsForTests.AssertBitwiseEqual(expectedPrevious, actualPrevious, size);
    }

    [Fact]
    public void A_resting_impulse_sends_c2_to_its_six_neighbours()
    {
        var size = new GridSize(5, 5, 5);
        var equation = new WaveEquation3D(size, 0.25f, StencilBoundary.Fixed(0f));
        float[] previous = new float[size.CellCount];
        previous[size.Index(2, 2, 2)] = 1f;
        float[] current = (float[])previous.Clone();

        WaveReference3D.Run(equation, previous, current, steps: 1);

        float[] expected = new float[size.CellCount];
        expected[size.Index(2, 2, 2)] = 1f - (6 * 0.25f);
        foreach ((int x, int y, int z) in new[] { (1, 2, 2), (3, 2, 2), (2, 1, 2), (2, 3, 2), (2, 2, 1), (2, 2, 3) })
            expected[size.Index(x, y, z)] = 0.25f;
        Assert.Equal(expected, current);
        Assert.Equal(1f, previous[size.Index(2, 2, 2)]);
    }

    [Fact]
    public void Periodic_boundary_wraps_along_z()
    {
        var size = new GridSize(3, 3, 4);
        float[] previous = new float[size.CellCount];
        previous[size.Index(1, 1, 0)] = 1f;
        float[] current = (float[])previous.Clone();

        WaveReference3D.Run(new WaveEquation3D(size, 0.25f, StencilBoundary.Periodic), previous, current, steps: 1);

        Assert.Equal(0.25f, current[size.Index(1, 1, 3)]);
        Assert.Equal(0.25f, current[size.Index(1, 1, 1)]);
        Assert.Equal(0f, current[size.Index(1, 1, 2)]);
    }

    [Fact]
    public void Vector_update_rounds_exactly_like_the_scalar_update_in_every_lane()
    {
        int n = Vector<float>.Count;
        var random = new Random(9);
        float[] lanes = new float[8 * n];
        for (int round = 0; round < 2000; round++)
        {
            for (int i = 0; i < lanes.Length; i++)
                lanes[i] = (float)(random.NextDouble() - 0.5) * MathF.Pow(10, random.Next(-6, 7));
            float c2 = 0.01f + ((float)random.NextDouble() * 0.3f);
            Vector<float> Lane(int k) => new(lanes, k * n);
            Vector<float> result = WaveEquation3D.Update(Lane(0), Lane(1), Lane(2), Lane(3), Lane(4), Lane(5), Lane(6), Lane(7), new Vector<float>(c2));
            for (int j = 0; j < n; j++)
            {
                float scalar = WaveEquation3D.Update(lanes[j], lanes[n + j], lanes[(2 * n) + j], lanes[(3 * n) + j], lanes[(4 * n) + j], lanes[(5 * n) + j], lanes[(6 * n) + j], lanes[(7 * n) + j], c2);
                Assert.Equal(BitConverter.SingleToInt32Bits(scalar), BitConverter.SingleToInt32Bits(result[j]));
            }
        }
    }

    [Fact]
    public void Baseline_refuses_to_write_over_the_level_it_reads_its_neighbours_from()
    {
        var size = new GridSize(4, 4, 4);
        var baseline = new WaveBaseline3D(new WaveEquation3D(size, 0.2f, StencilBoundary.Periodic));
        float[] a = new float[size.CellCount], b = new float[size.CellCount];
        Assert.Throws<ArgumentException>(() => baseline.Step(a, b, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaveEquation3D(size, 0.34f, StencilBoundary.Periodic));
    }
}
