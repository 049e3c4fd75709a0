using RingKernel.Stencils;

namespace RingKernel.Tests.Stencils;

public class InitialConditionsTests
{
    [Fact]
    public void Hot_square_sits_in_the_middle()
    {
        var size = new GridSize(8, 4);
        float[] field = InitialConditions.HotSquare(size, ambient: 0.5f, hot: 9f, fraction: 0.5);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 8; x++)
                Assert.Equal(x is >= 2 and < 6 && y is >= 1 and < 3 ? 9f : 0.5f, field[size.Index(x, y)]);
        }
    }

    [Fact]
    public void Gaussian_pulse_peaks_at_the_centre_is_symmetric_and_repeatable()
    {
        var size = new GridSize(9, 9, 9);
        float[] field = InitialConditions.GaussianPulse(size, amplitude: 2f, sigmaFraction: 0.2);
        Assert.Equal(2f, field[size.Index(4, 4, 4)]);
        Assert.Equal(field.Max(), field[size.Index(4, 4, 4)]);
        Assert.Equal(field[size.Index(1, 4, 4)], field[size.Index(4, 7, 4)]);
        Assert.Equal(field[size.Index(0, 0, 0)], field[size.Index(8, 8, 8)]);
        Assert.Equal(field, InitialConditions.GaussianPulse(size, amplitude: 2f, sigmaFraction: 0.2));
    }
}
