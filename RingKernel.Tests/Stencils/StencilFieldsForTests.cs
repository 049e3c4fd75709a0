using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

namespace RingKernel.Tests.Stencils;

/// <summary>Fields and comparisons the stencil tests share.</summary>
internal static class StencilFieldsForTests
{
    /// <summary>Values of mixed sign and magnitude, so that any difference in rounding order shows in the bits.</summary>
    public static float[] Random(GridSize size, int seed)
    {
        var random = new Random(seed);
        var field = new float[size.CellCount];
        for (int i = 0; i < field.Length; i++)
            field[i] = (float)((random.NextDouble() * 2) - 1) * (random.Next(3) == 0 ? 1e3f : 1f);
        return field;
    }

    public static StencilBoundary Boundary(string kind) => kind switch
    {
        "periodic" => StencilBoundary.Periodic,
        "fixed0" => StencilBoundary.Fixed(0f),
        "fixed" => StencilBoundary.Fixed(0.37f),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown boundary name."),
    };

    /// <summary>Snapshots <paramref name="tiled"/> and asserts it holds, bit for bit, the reference's field after <paramref name="steps"/> steps from <paramref name="initial"/>; returns the snapshot.</summary>
    public static async Task<float[]> AssertMatchesHeatReferenceAsync(TiledHeat2D tiled, HeatEquation2D equation, float[] initial, int steps)
    {
        float[] actual = new float[equation.Size.CellCount];
        await tiled.SnapshotAsync(actual);
        float[] expected = (float[])initial.Clone();
        HeatReference2D.Run(equation, expected, steps);
        AssertBitwiseEqual(expected, actual, equation.Size);
        return actual;
    }

    /// <summary>Asserts the two fields equal bit for bit, naming the first cell that differs.</summary>
    public static void AssertBitwiseEqual(float[] expected, float[] actual, GridSize size)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                int x = i % size.Width, y = i / size.Width % size.Height, z = i / size.PlaneCells;
                Assert.Fail($"Cell ({x}, {y}, {z}) of {size}: expected {expected[i]:R} (0x{BitConverter.SingleToInt32Bits(expected[i]):X8}), got {actual[i]:R} (0x{BitConverter.SingleToInt32Bits(actual[i]):X8}).");
            }
        }
    }
}
