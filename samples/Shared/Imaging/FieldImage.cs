using SkiaSharp;

namespace RingKernel.Samples.Imaging;

/// <summary>
/// The field-only image: one pixel per cell of a 2D field (or one plane of a 3D one), colour-mapped,
/// with nothing drawn over it. Engines that compute the same field give the same image.
/// </summary>
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
    /// The values the colour map's ends stand for: minimum to maximum, or, for a signed field
    /// <paramref name="centredOnZero"/>, the largest magnitude either side of zero so that zero
    /// takes the map's middle colour.
    /// </summary>
    public static (float Low, float High) Scale(ReadOnlySpan<float> values, bool centredOnZero)
    {
        (float min, float max) = Range(values);
        if (!centredOnZero)
            return (min, max);
        float magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
        return (-magnitude, magnitude);
    }

    /// <summary>
    /// A <paramref name="width"/> x <paramref name="height"/> opaque image of <paramref name="plane"/>
    /// (rows in field order, top to bottom): each value scaled linearly from [<paramref name="low"/>,
    /// <paramref name="high"/>] to [0, 1] and mapped. A flat range maps everything to the middle of the map.
    /// </summary>
    public static SKBitmap ToBitmap(ReadOnlySpan<float> plane, int width, int height, ColorMap map, float low, float high)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (plane.Length != (long)width * height)
            throw new ArgumentException($"A {width}x{height} image needs {(long)width * height} values; got {plane.Length}.", nameof(plane));
        var pixels = new SKColor[plane.Length];
        float span = high - low;
        for (int i = 0; i < plane.Length; i++)
        {
            (byte r, byte g, byte b) = map.Map(span > 0f ? (plane[i] - low) / span : 0.5f);
            pixels[i] = new SKColor(r, g, b);
        }

        var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Pixels = pixels;
        return bitmap;
    }
}
