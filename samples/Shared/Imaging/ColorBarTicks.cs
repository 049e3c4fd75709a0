using System.Globalization;

namespace RingKernel.Samples.Imaging;

/// <summary>
/// The values a colour bar labels: round numbers (1, 2 or 5 times a power of ten apart) inside the
/// range, the way a plotting library picks axis ticks.
/// </summary>
public static class ColorBarTicks
{
    /// <summary>
    /// At most <paramref name="most"/> round values in [<paramref name="low"/>, <paramref name="high"/>],
    /// ascending, with their labels; a flat range has the one value.
    /// </summary>
    public static IReadOnlyList<(double Value, string Label)> For(double low, double high, int most = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(most, 2);
        if (!double.IsFinite(low) || !double.IsFinite(high) || high < low)
            throw new ArgumentException($"The range [{low}, {high}] is not a finite ascending range.", nameof(high));
        if (high == low)
            return [(low, Format(low, Math.Abs(low) > 0 ? Math.Abs(low) : 1))];

        double step = RoundStep((high - low) / (most - 1));

        // A round value a hair outside the range (a field whose minimum is 1e-38, not 0) still counts.
        const double Hair = 1e-6;
        long first = (long)Math.Ceiling((low / step) - Hair), last = (long)Math.Floor((high / step) + Hair);
        var ticks = new List<(double, string)>();
        for (long k = first; k <= last; k++)
        {
            double value = k * step;
            ticks.Add((value, Format(value, step)));
        }

        return ticks;
    }

    /// <summary>The smallest of 1, 2, 5 times a power of ten that is at least <paramref name="rough"/>.</summary>
    private static double RoundStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (double factor in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            if (factor * power >= rough * (1 - 1e-9))
                return factor * power;
        }

        return 10 * power;
    }

    /// <summary>As many decimals as the step needs; scientific notation for very large or small steps.</summary>
    private static string Format(double value, double step)
    {
        if (value == 0)
            return "0";
        if (step < 1e-3 || step >= 1e5)
            return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
