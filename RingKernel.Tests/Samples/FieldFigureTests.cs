using RingKernel.Samples.Imaging;
using SkiaSharp;

namespace RingKernel.Tests.Samples;

/// <summary>The captioned picture: decoded from its PNG and checked part by part against its layout.</summary>
public class FieldFigureTests
{
    private const int Width = 48, Height = 24;

    /// <summary>A field whose every cell has its own value, so a misplaced cell shows.</summary>
    private static readonly float[] Ramp = [.. Enumerable.Range(0, Width * Height).Select(i => (float)i)];

    private static readonly FieldFigure Figure = new(
        Ramp, Width, Height, ColorMap.Inferno, Low: 0f, High: (Width * Height) - 1,
        "heat: temperature after 20 steps", ["heat 2D 48x24, alpha 0.24, fixed (0) boundary", "engine tiles on backend cpu"]);

    [Fact]
    public void Picture_is_a_png_of_the_laid_out_size_with_the_field_the_colour_bar_and_text()
    {
        FigureLayout layout = Figure.Layout();
        byte[] png = Figure.EncodePng();

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using SKBitmap picture = SKBitmap.Decode(png);
        Assert.Equal((layout.Width, layout.Height), (picture.Width, picture.Height));

        // A small field is enlarged by a whole factor (512 / 48 = 10): every cell a 10x10 block of its colour.
        Assert.Equal(10f, layout.Scale);
        Assert.Equal((480, 240), (layout.Field.Width, layout.Field.Height));
        using SKBitmap cells = FieldImage.ToBitmap(Ramp, Width, Height, ColorMap.Inferno, 0f, (Width * Height) - 1);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                SKColor cell = cells.GetPixel(x, y);
                Assert.Equal(cell, picture.GetPixel(layout.Field.Left + (10 * x), layout.Field.Top + (10 * y)));
                Assert.Equal(cell, picture.GetPixel(layout.Field.Left + (10 * x) + 9, layout.Field.Top + (10 * y) + 9));
            }
        }

        // The colour bar runs from the map's high end at the top to its low end at the bottom, row by row.
        SKRectI bar = layout.ColorBar;
        SKColor[] column = [.. Enumerable.Range(bar.Top, bar.Height).Select(y => picture.GetPixel(bar.MidX, y))];
        Assert.Equal(Colour(ColorMap.Inferno.Map(1f - (0.5f / bar.Height))), column[0]);
        Assert.Equal(Colour(ColorMap.Inferno.Map(0.5f / bar.Height)), column[^1]);
        Assert.True(column.Distinct().Count() > bar.Height / 2, $"the bar has {column.Distinct().Count()} colours in {bar.Height} rows");
        Assert.All(column.Zip(column.Skip(1)), pair => Assert.True(Luminance(pair.Item1) >= Luminance(pair.Item2) - 200, "inferno darkens down the bar"));

        // The title, the caption and the tick labels are drawn: dark pixels where the layout puts them.
        Assert.True(DarkPixels(picture, 0, layout.TitleTop, layout.Width, layout.Field.Top) > 200, "no title drawn");
        Assert.True(DarkPixels(picture, 0, layout.CaptionTop, layout.Width, layout.Height) > 200, "no caption drawn");
        Assert.True(DarkPixels(picture, bar.Right + 6, bar.Top - 8, layout.Width, bar.Bottom + 8) > 50, "no tick labels drawn");
        Assert.Equal(2, layout.Caption.Count);
    }

    [Fact]
    public void Tile_borders_are_faint_lines_on_the_tile_edges_and_nothing_else()
    {
        FigureLayout layout = Figure.Layout();
        using SKBitmap plain = SKBitmap.Decode(Figure.EncodePng());
        using SKBitmap tiled = SKBitmap.Decode((Figure with { TileBorders = (6, 3) }).EncodePng());

        // 6x3 tiles of 8x8 cells, 80 pixels a tile: lines at 80, 160, ... across and 80, 160 down.
        var changed = new List<(int X, int Y)>();
        for (int y = layout.Field.Top; y < layout.Field.Bottom; y++)
        {
            for (int x = layout.Field.Left; x < layout.Field.Right; x++)
            {
                SKColor before = plain.GetPixel(x, y), after = tiled.GetPixel(x, y);
                if (before == after)
                    continue;
                changed.Add((x - layout.Field.Left, y - layout.Field.Top));
                Assert.True(after.Red >= before.Red && after.Green >= before.Green && after.Blue >= before.Blue, "a border lightens the field");
                Assert.True(after.Red - before.Red < 128, "a border is faint, not white");
            }
        }

        Assert.All(changed, p => Assert.True(p.X % 80 == 0 || p.Y % 80 == 0, $"({p.X}, {p.Y}) is not on a tile border"));
        Assert.Equal((5 * 240) + (2 * 480) - (5 * 2), changed.Count);
        Assert.Throws<ArgumentException>(() => (Figure with { TileBorders = (5, 1) }).Layout());
    }

    [Fact]
    public void A_large_field_is_reduced_to_1024_pixels_along_its_longer_side()
    {
        float[] plane = new float[2048 * 512];
        plane.AsSpan(0, plane.Length / 2).Fill(1f);
        FieldFigure large = Figure with { Plane = plane, Width = 2048, Height = 512, Low = 0f, High = 1f, TileBorders = (4, 1) };
        FigureLayout layout = large.Layout();
        using SKBitmap picture = SKBitmap.Decode(large.EncodePng());

        Assert.Equal((0.5f, 1024, 256), (layout.Scale, layout.Field.Width, layout.Field.Height));
        Assert.Equal((layout.Width, layout.Height), (picture.Width, picture.Height));
        Assert.Equal(Colour(ColorMap.Inferno.Map(1f)), picture.GetPixel(layout.Field.Left + 100, layout.Field.Top + 10));
        Assert.Equal(Colour(ColorMap.Inferno.Map(0f)), picture.GetPixel(layout.Field.Left + 100, layout.Field.Bottom - 10));
    }

    private static SKColor Colour((byte R, byte G, byte B) rgb) => new(rgb.R, rgb.G, rgb.B);

    private static int Luminance(SKColor c) => (299 * c.Red) + (587 * c.Green) + (114 * c.Blue);

    private static int DarkPixels(SKBitmap picture, int left, int top, int right, int bottom)
    {
        int dark = 0;
        for (int y = top; y < bottom; y++)
        {
            for (int x = left; x < right; x++)
            {
                if (Luminance(picture.GetPixel(x, y)) < 128_000)
                    dark++;
            }
        }

        return dark;
    }
}
