using RingKernel.Samples.Imaging;
using SkiaSharp;

namespace RingKernel.Tests.Samples;

/// <summary>The field-only image: one pixel per cell, the value scaled onto the colour map.</summary>
public class FieldImageTests
{
    [Fact]
    public void Field_is_scaled_from_low_to_high_onto_the_colour_map()
    {
        float[] field = [-1f, 0f, 1f, float.NaN, 5f, 0.6f];
        using SKBitmap image = FieldImage.ToBitmap(field, 3, 2, ColorMap.Inferno, low: -1f, high: 1f);
        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal(new SKColor(0, 0, 4), image.GetPixel(0, 0));       // low: the map's first anchor
        Assert.Equal(new SKColor(188, 55, 84), image.GetPixel(1, 0));   // middle: the sixth of eleven anchors
        Assert.Equal(new SKColor(252, 255, 164), image.GetPixel(2, 0)); // high: the last anchor
        Assert.Equal(new SKColor(0, 0, 4), image.GetPixel(0, 1));       // NaN: the first anchor
        Assert.Equal(new SKColor(252, 255, 164), image.GetPixel(1, 1)); // above the range: clamped
        Assert.Equal(new SKColor(252, 165, 10), image.GetPixel(2, 1));  // four fifths: the ninth anchor

        // Halfway between the first two anchors (59, 76, 192) and (98, 130, 234): 78.5 rounds to even.
        Assert.Equal(((byte)78, (byte)103, (byte)213), ColorMap.CoolWarm.Map(1f / 16));
    }

    [Fact]
    public void A_flat_field_takes_the_middle_of_the_map()
    {
        using SKBitmap image = FieldImage.ToBitmap([2f, 2f], 2, 1, ColorMap.CoolWarm, low: 2f, high: 2f);
        (byte r, byte g, byte b) = ColorMap.CoolWarm.Map(0.5f);
        Assert.Equal(new SKColor(r, g, b), image.GetPixel(1, 0));
    }

    [Fact]
    public void Scale_spans_minimum_to_maximum_or_the_largest_magnitude_around_zero()
    {
        float[] field = [-0.5f, float.PositiveInfinity, 2f, float.NaN];
        Assert.Equal((-0.5f, 2f), FieldImage.Range(field));
        Assert.Equal((-0.5f, 2f), FieldImage.Scale(field, centredOnZero: false));
        Assert.Equal((-2f, 2f), FieldImage.Scale(field, centredOnZero: true));
        Assert.Equal((0f, 0f), FieldImage.Range([float.NaN]));
    }

    [Fact]
    public void A_plane_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => FieldImage.ToBitmap(new float[5], 3, 2, ColorMap.Inferno, 0f, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => FieldImage.ToBitmap([], 0, 2, ColorMap.Inferno, 0f, 1f));
    }
}
