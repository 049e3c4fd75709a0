using RingKernel.Kernels;

namespace RingKernel.Tests.Kernels;

public class Dim3Tests
{
    [Fact]
    public void Linearize_and_delinearize_are_row_major_inverses()
    {
        var size = new Dim3(5, 3, 4);
        var seen = new HashSet<int>();

        for (int z = 0; z < 4; z++)
        {
            for (int y = 0; y < 3; y++)
            {
                for (int x = 0; x < 5; x++)
                {
                    int linear = size.Linearize(new Index3(x, y, z));
                    Assert.Equal(x + (5 * y) + (15 * z), linear);
                    Assert.Equal(new Index3(x, y, z), size.Delinearize(linear));
                    Assert.True(seen.Add(linear));
                }
            }
        }

        Assert.Equal(size.Count, seen.Count);
    }

    [Fact]
    public void An_int_is_a_one_dimensional_extent()
    {
        Dim3 size = 256;

        Assert.Equal(new Dim3(256, 1, 1), size);
        Assert.Equal(256, size.Count);
        Assert.Equal("(256, 1, 1)", size.ToString());
        Assert.Equal(0, default(Dim3).Count);
    }
}
