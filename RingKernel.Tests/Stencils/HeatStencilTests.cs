using System.Numerics;
using RingKernel.Stencils;

namespace RingKernel.Tests.Stencils;

public class HeatStencilTests
{
    public static TheoryData<int, int, string> Grids
    {
        get
        {
            var data = new TheoryData<int, int, string>();
            int[][] sizes = [[1, 1], [2, 3], [7, 5], [17, 9], [33, 31], [64, 64], [100, 3], [3, 100]];
            foreach (int[] s in sizes)
            {
                foreach (string boundary in new[] { "periodic", "fixed0", "fixed" })
                    data.Add(s[0], s[1], boundary);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Grids))]
    public void Baseline_equals_reference_bit_for_bit(int width, int height, string boundary)
    {
        var size = new GridSize(width, height);
        var equation = new HeatEquation2D(size, 0.2f, StencilFieldsForTests.Boundary(boundary));
        float[] expected = StencilFieldsForTests.Random(size, seed: width * 1000 + height);
        float[] actual = (float[])expected.Clone();

        HeatReference2D.Run(equation, expected, steps: 7);
        new HeatBaseline2D(equation).Run(actual, steps: 7);

        StencilFieldsForTests.AssertBitwiseEqual(expected, actual, size);
    }

    [Fact]
    public void Baseline_equals_reference_from_a_hot_square_over_many_steps()
    {
        var size = new GridSize(71, 40);
        var equation = new HeatEquation2D(size, 0.25f, StencilBoundary.Fixed(0f));
        float[] expected = InitialConditions.HotSquare(size, ambient: 0.1f, hot: 3f);
        float[] actual = (float[])expected.Clone();

        HeatReference2D.Run(equation, expected, steps: 60);
        new HeatBaseline2D(equation).Run(actual, steps: 60);

        StencilFieldsForTests.AssertBitwiseEqual(expected, actual, size);
        Assert.NotEqual(InitialConditions.HotSquare(size, ambient: 0.1f, hot: 3f), actual);
    }

    [Fact]
    public void One_hot_cell_spreads_alpha_to_its_four_neighbours()
    {
        var size = new GridSize(5, 4);
        var equation = new HeatEquation2D(size, 0.25f, StencilBoundary.Fixed(0f));
        float[] field = new float[size.CellCount];
        field[size.Index(2, 1)] = 1f;

        HeatReference2D.Run(equation, field, steps: 1);

        float[] expected = new float[size.CellCount];
        expected[size.Index(1, 1)] = expected[size.Index(3, 1)] = expected[size.Index(2, 0)] = expected[size.Index(2, 2)] = 0.25f;
        Assert.Equal(expected, field);
    }

    [Fact]
    public void Periodic_boundary_wraps_and_fixed_boundary_feeds_its_value_in()
    {
        var size = new GridSize(4, 3);
        float[] corner = new float[size.CellCount];
        corner[size.Index(0, 0)] = 1f;

        float[] periodic = (float[])corner.Clone();
        HeatReference2D.Run(new HeatEquation2D(size, 0.25f, StencilBoundary.Periodic), periodic, steps: 1);
        Assert.Equal(0.25f, periodic[size.Index(3, 0)]);
        Assert.Equal(0.25f, periodic[size.Index(0, 2)]);
        Assert.Equal(0f, periodic[size.Index(3, 2)]);

        float[] fixedTwo = new float[size.CellCount];
        HeatReference2D.Run(new HeatEquation2D(size, 0.25f, StencilBoundary.Fixed(2f)), fixedTwo, steps: 1);
        Assert.Equal(1f, fixedTwo[size.Index(0, 0)]);   // two outside neighbours of 2
        Assert.Equal(0.5f, fixedTwo[size.Index(1, 0)]); // one
        Assert.Equal(0f, fixedTwo[size.Index(1, 1)]);   // none
    }

    [Fact]
    public void Vector_update_rounds_exactly_like_the_scalar_update_in_every_lane()
    {
        var random = new Random(5);
        float[] lanes = new float[5 * Vector<float>.Count];
        for (int round = 0; round < 2000; round++)
        {
            for (int i = 0; i < lanes.Length; i++)
                lanes[i] = (float)(random.NextDouble() - 0.5) * MathF.Pow(10, random.Next(-6, 7));
            float alpha = (float)random.NextDouble() * HeatEquation2D.MaxAlpha;
            alpha = alpha == 0f ? 0.1f : alpha;
            Vector<float> Lane(int k) => new(lanes, k * Vector<float>.Count);
            Vector<float> result = HeatEquation2D.Update(Lane(0), Lane(1), Lane(2), Lane(3), Lane(4), new Vector<float>(alpha));
            for (int j = 0; j < Vector<float>.Count; j++)
            {
                float scalar = HeatEquation2D.Update(lanes[j], lanes[Vector<float>.Count + j], lanes[(2 * Vector<float>.Count) + j], lanes[(3 * Vector<float>.Count) + j], lanes[(4 * Vector<float>.Count) + j], alpha);
                Assert.Equal(BitConverter.SingleToInt32Bits(scalar), BitConverter.SingleToInt32Bits(result[j]));
            }
        }
    }

    [Fact]
    public void Unstable_or_3D_definitions_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeatEquation2D(GridSize.Square(8), 0.26f, StencilBoundary.Periodic));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeatEquation2D(GridSize.Square(8), 0f, StencilBoundary.Periodic));
        Assert.Throws<ArgumentException>(() => new HeatEquation2D(GridSize.Cube(8), 0.1f, StencilBoundary.Periodic));
        Assert.Throws<ArgumentException>(() => new GridSize(0, 4));
        Assert.Throws<ArgumentException>(() => new HeatBaseline2D(new HeatEquation2D(GridSize.Square(4), 0.1f, StencilBoundary.Periodic)).Run(new float[15], 1));
    }
}
