using RingKernel.Samples.Imaging;

namespace RingKernel.Tests.Samples;

public class ColorBarTicksTests
{
    [Theory]
    [InlineData(0.0, 0.993, "0 0.2 0.4 0.6 0.8")]
    [InlineData(5.602e-38, 0.993, "0 0.2 0.4 0.6 0.8")] // a minimum a hair above zero still labels zero
    [InlineData(-0.03508, 0.03508, "-0.02 0 0.02")]
    [InlineData(0.0, 1000.0, "0 200 400 600 800 1000")]
    [InlineData(-3.0, 7.0, "-2 0 2 4 6")]
    [InlineData(0.0, 5e-5, "0 1e-5 2e-5 3e-5 4e-5 5e-5")]
    [InlineData(2.0, 2.0, "2")]
    public void Ticks_are_round_values_inside_the_range(double low, double high, string labels)
    {
        IReadOnlyList<(double Value, string Label)> ticks = ColorBarTicks.For(low, high);
        Assert.Equal(labels, string.Join(' ', ticks.Select(t => t.Label)));
        Assert.All(ticks, t => Assert.InRange(t.Value, low - ((high - low) * 1e-6), high + ((high - low) * 1e-6)));
        Assert.Equal(ticks.OrderBy(t => t.Value).Select(t => t.Value), ticks.Select(t => t.Value));
    }

    [Fact]
    public void A_reversed_or_infinite_range_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ColorBarTicks.For(1, 0));
        Assert.Throws<ArgumentException>(() => ColorBarTicks.For(0, double.PositiveInfinity));
    }
}
