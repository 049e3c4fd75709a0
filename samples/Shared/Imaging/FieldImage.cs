namespace RingKernel.Samples.Imaging;

/// <summary>Turns a 2D float field (or one plane of a 3D one) into a colour-mapped PNG.</summary>
public static class FieldImage
{
    /// <summary>The smallest and largest finite values of <paramref name="values"/> (0, 0 when there are none).</summary>
    public static (float Min, float Max) Range(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
        {
            if (float.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return min <= max ? (min, max) : (0f, 0f);
    }

    /// <summary>
    /// RGB bytes (3 a pixel, rows in field order) for <paramref name="plane"/>: each value scaled
    /// linearly from [<paramref name="low"/>, <paramref name="high"/>] to [0, 1] and mapped. A flat
    /// range maps everything to the middle of the map.
    /// </summary>
    public static byte[] ToRgb(ReadOnlySpan<float> plane, ColorMap map, float low, float high)
    {
        ArgumentNullException.ThrowIfNull(map);
        var rgb = new byte[plane.Length * 3];
        float span = high - low;
        for (int i = 0; i < plane.Length; i++)
        {
            float t = span > 0f ? (plane[i] - low) / span : 0.5f;
            (byte r, byte g, byte b) = map.Map(t);
            rgb[3 * i] = r;
            rgb[(3 * i) + 1] = g;
            rgb[(3 * i) + 2] = b;
        }

        return rgb;
    }

    /// <summary>Writes <paramref name="plane"/> (<paramref name="width"/> x <paramref name="height"/>) to <paramref name="path"/> as a PNG; its directory must exist (<see cref="Cli.OutputFile"/> creates it).</summary>
    public static void WritePng(string path, ReadOnlySpan<float> plane, int width, int height, ColorMap map, float low, float high)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (plane.Length != (long)width * height)
            throw new ArgumentException($"A {width}x{height} image needs {(long)width * height} values; got {plane.Length}.", nameof(plane));
        using FileStream file = File.Create(path);
        PngEncoder.WriteRgb(file, width, height, ToRgb(plane, map, low, high));
    }
}
