namespace RingKernel.Samples.Imaging;

/// <summary>
/// A colour map: evenly spaced RGB anchors, linearly interpolated, that turn a value in [0, 1]
/// into a colour.
/// </summary>
public sealed class ColorMap
{
    private readonly (byte R, byte G, byte B)[] _anchors;

    private ColorMap(string name, (byte R, byte G, byte B)[] anchors)
    {
        Name = name;
        _anchors = anchors;
    }

    /// <summary>Matplotlib's perceptually uniform "inferno" (black, purple, orange, pale yellow), sampled at eleven points.</summary>
    public static ColorMap Inferno { get; } = new("inferno",
    [
        (0, 0, 4), (22, 11, 57), (66, 10, 104), (106, 23, 110), (147, 38, 103), (188, 55, 84),
        (221, 81, 58), (243, 120, 25), (252, 165, 10), (246, 215, 70), (252, 255, 164),
    ]);

    /// <summary>Moreland's diverging "cool to warm" (blue, light grey, red) for signed fields centred on zero.</summary>
    public static ColorMap CoolWarm { get; } = new("coolwarm",
    [
        (59, 76, 192), (98, 130, 234), (141, 176, 254), (184, 208, 249), (221, 221, 221),
        (245, 196, 173), (244, 154, 123), (222, 96, 77), (180, 4, 38),
    ]);

    public string Name { get; }

    /// <summary>The colour of <paramref name="t"/>, clamped to [0, 1]; NaN maps to the colour of 0.</summary>
    public (byte R, byte G, byte B) Map(float t)
    {
        if (!(t > 0f))
            return _anchors[0];
        if (t >= 1f)
            return _anchors[^1];
        float position = t * (_anchors.Length - 1);
        int lower = (int)position;
        float f = position - lower;
        (byte R, byte G, byte B) a = _anchors[lower], b = _anchors[lower + 1];
        return (Lerp(a.R, b.R, f), Lerp(a.G, b.G, f), Lerp(a.B, b.B, f));
    }

    public override string ToString() => Name;

    private static byte Lerp(byte a, byte b, float f) => (byte)MathF.Round(a + ((b - a) * f));
}
