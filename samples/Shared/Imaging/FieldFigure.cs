using SkiaSharp;

namespace RingKernel.Samples.Imaging;

/// <summary>
/// The picture a run writes: the field-only image (<see cref="FieldImage"/>) scaled to a readable
/// size, a colour bar with its value scale, a title, a caption under the field, and for a tiled
/// run faint tile borders over the field. Drawn with SkiaSharp, written as PNG.
/// </summary>
/// <param name="Plane">The field's values, rows top to bottom.</param>
/// <param name="Width">Cells per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Map">The colour map.</param>
/// <param name="Low">The value of the map's low end (the bottom of the colour bar).</param>
/// <param name="High">The value of the map's high end (the top of the colour bar).</param>
/// <param name="Title">One line over the picture; wrapped when longer than the figure is wide.</param>
/// <param name="Caption">Lines under the picture, each wrapped to the figure's width.</param>
public sealed record FieldFigure(float[] Plane, int Width, int Height, ColorMap Map, float Low, float High, string Title, IReadOnlyList<string> Caption)
{
    /// <summary>A field smaller than this along its longer side is enlarged by a whole factor, so cells stay square blocks.</summary>
    private const int SmallestSide = 512;

    /// <summary>A field larger than this along its longer side is reduced to it.</summary>
    private const int LargestSide = 1024;

    private const int Margin = 20;
    private const int MinWidth = 640;
    private const int BarGap = 24;
    private const int BarWidth = 22;
    private const int MinBarHeight = 160;
    private const int TickLength = 5;
    private const int LabelGap = 4;

    private static readonly SKTypeface Regular = SKTypeface.FromFamilyName("sans-serif") ?? SKTypeface.Default;
    private static readonly SKTypeface Bold = SKTypeface.FromFamilyName("sans-serif", SKFontStyle.Bold) ?? Regular;
    private static readonly SKColor Ink = new(30, 30, 30);
    private static readonly SKColor CaptionInk = new(70, 70, 70);
    private static readonly SKColor Frame = new(90, 90, 90);

    /// <summary>Faint enough to leave the field readable, visible on the dark and the light ends of both maps.</summary>
    private static readonly SKColor TileBorder = new(255, 255, 255, 100);

    /// <summary>Tiles along X and Y whose borders are drawn over the field; (1, 1) draws none. Each count must divide its extent.</summary>
    public (int Across, int Down) TileBorders { get; init; } = (1, 1);

    /// <summary>Where the parts go.</summary>
    public FigureLayout Layout()
    {
        Validate();
        using SKFont titleFont = TitleFont(), textFont = TextFont(), tickFont = TickFont();
        int longer = Math.Max(Width, Height);
        float scale = longer > LargestSide ? (float)LargestSide / longer : Math.Max(1, SmallestSide / longer);
        int fieldWidth = Math.Max(1, (int)MathF.Round(Width * scale));
        int fieldHeight = Math.Max(1, (int)MathF.Round(Height * scale));
        int labelWidth = (int)MathF.Ceiling(ColorBarTicks.For(Low, High).Max(t => tickFont.MeasureText(t.Label)));
        int group = fieldWidth + BarGap + BarWidth + TickLength + LabelGap + labelWidth;
        int width = Math.Max(MinWidth, group + (2 * Margin));
        int left = (width - group) / 2;

        List<string> title = Wrap(Title, titleFont, width - (2 * Margin));
        int top = Margin + (title.Count * LineHeight(titleFont)) + 12;
        var field = new SKRectI(left, top, left + fieldWidth, top + fieldHeight);
        int barLeft = field.Right + BarGap;
        var bar = new SKRectI(barLeft, top, barLeft + BarWidth, top + Math.Max(fieldHeight, MinBarHeight));

        IReadOnlyList<string> caption = [.. Caption.SelectMany(line => Wrap(line, textFont, width - (2 * Margin)))];
        int captionTop = Math.Max(field.Bottom, bar.Bottom) + 14;
        int height = captionTop + (caption.Count * LineHeight(textFont)) + Margin;
        return new FigureLayout(width, height, scale, field, bar, title, caption, Margin, captionTop);
    }

    /// <summary>Draws the figure.</summary>
    public SKBitmap Render()
    {
        FigureLayout layout = Layout();
        var figure = new SKBitmap(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(figure);
        canvas.Clear(SKColors.White);
        DrawField(canvas, layout);
        DrawColorBar(canvas, layout);
        using SKFont titleFont = TitleFont(), textFont = TextFont();
        DrawLines(canvas, layout.Title, Margin, layout.TitleTop, titleFont, Ink);
        DrawLines(canvas, layout.Caption, Margin, layout.CaptionTop, textFont, CaptionInk);
        return figure;
    }

    /// <summary>The figure as a PNG file's bytes.</summary>
    public byte[] EncodePng()
    {
        using SKBitmap figure = Render();
        using SKImage image = SKImage.FromBitmap(figure);
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Writes the figure to <paramref name="path"/> as a PNG, replacing what is there.</summary>
    public void WritePng(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, EncodePng());
    }

    private void DrawField(SKCanvas canvas, FigureLayout layout)
    {
        using (SKBitmap cells = FieldImage.ToBitmap(Plane, Width, Height, Map, Low, High))
        using (SKImage image = SKImage.FromBitmap(cells))
        {
            // Enlarged: each cell a sharp block; reduced: averaged, so no cell pattern aliases.
            SKSamplingOptions sampling = layout.Scale >= 1 ? new(SKFilterMode.Nearest) : new(SKFilterMode.Linear, SKMipmapMode.Linear);
            canvas.DrawImage(image, SKRect.Create(layout.Field.Left, layout.Field.Top, layout.Field.Width, layout.Field.Height), sampling);
        }

        using var border = new SKPaint { Color = TileBorder, StrokeWidth = 1, IsAntialias = false, Style = SKPaintStyle.Stroke };
        SKRectI f = layout.Field;
        for (int i = 1; i < TileBorders.Across; i++)
        {
            float x = f.Left + MathF.Floor(i * (Width / TileBorders.Across) * layout.Scale) + 0.5f;
            canvas.DrawLine(x, f.Top, x, f.Bottom, border);
        }

        for (int j = 1; j < TileBorders.Down; j++)
        {
            float y = f.Top + MathF.Floor(j * (Height / TileBorders.Down) * layout.Scale) + 0.5f;
            canvas.DrawLine(f.Left, y, f.Right, y, border);
        }

        DrawFrame(canvas, f);
    }

    private void DrawColorBar(SKCanvas canvas, FigureLayout layout)
    {
        SKRectI bar = layout.ColorBar;
        using var fill = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        for (int row = 0; row < bar.Height; row++)
        {
            (byte r, byte g, byte b) = Map.Map(1f - ((row + 0.5f) / bar.Height));
            fill.Color = new SKColor(r, g, b);
            canvas.DrawRect(bar.Left, bar.Top + row, bar.Width, 1, fill);
        }

        DrawFrame(canvas, bar);
        using SKFont tickFont = TickFont();
        using var ink = new SKPaint { Color = Ink, IsAntialias = true, StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var text = new SKPaint { Color = Ink, IsAntialias = true };
        float middle = -(tickFont.Metrics.Ascent + tickFont.Metrics.Descent) / 2;
        foreach ((double value, string label) in ColorBarTicks.For(Low, High))
        {
            float y = High > Low ? bar.Bottom - (float)((value - Low) / (High - Low) * bar.Height) : bar.MidY;
            y = MathF.Min(MathF.Max(y, bar.Top), bar.Bottom - 1) + 0.5f;
            canvas.DrawLine(bar.Right, y, bar.Right + TickLength, y, ink);
            canvas.DrawText(label, bar.Right + TickLength + LabelGap, y + middle, SKTextAlign.Left, tickFont, text);
        }
    }

    private static void DrawFrame(SKCanvas canvas, SKRectI around)
    {
        // A 1-pixel line on the pixels just outside the rectangle, covering none of it.
        using var frame = new SKPaint { Color = Frame, StrokeWidth = 1, IsAntialias = false, Style = SKPaintStyle.Stroke };
        canvas.DrawRect(new SKRect(around.Left - 0.5f, around.Top - 0.5f, around.Right + 0.5f, around.Bottom + 0.5f), frame);
    }

    private static void DrawLines(SKCanvas canvas, IReadOnlyList<string> lines, int left, int top, SKFont font, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        for (int i = 0; i < lines.Count; i++)
            canvas.DrawText(lines[i], left, top + (i * LineHeight(font)) - font.Metrics.Ascent, SKTextAlign.Left, font, paint);
    }

    /// <summary>The words of <paramref name="text"/> in lines no wider than <paramref name="width"/> (a longer word has a line of its own).</summary>
    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string longer = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && font.MeasureText(longer) > width)
            {
                lines.Add(line);
                longer = word;
            }

            line = longer;
        }

        if (line.Length > 0)
            lines.Add(line);
        return lines;
    }

    private static int LineHeight(SKFont font) => (int)MathF.Ceiling(font.Spacing);

    private static SKFont TitleFont() => new(Bold, 18) { Edging = SKFontEdging.Antialias, Subpixel = true };

    private static SKFont TextFont() => new(Regular, 14) { Edging = SKFontEdging.Antialias, Subpixel = true };

    private static SKFont TickFont() => new(Regular, 13) { Edging = SKFontEdging.Antialias, Subpixel = true };

    private void Validate()
    {
        ArgumentNullException.ThrowIfNull(Plane);
        ArgumentNullException.ThrowIfNull(Map);
        ArgumentNullException.ThrowIfNull(Title);
        ArgumentNullException.ThrowIfNull(Caption);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Height);
        if (!(float.IsFinite(Low) && float.IsFinite(High) && Low <= High))
            throw new ArgumentException($"The colour range [{Low}, {High}] is not finite and ascending.", nameof(High));
        if (TileBorders.Across < 1 || TileBorders.Down < 1 || Width % TileBorders.Across != 0 || Height % TileBorders.Down != 0)
            throw new ArgumentException($"{TileBorders.Across}x{TileBorders.Down} tiles do not divide a {Width}x{Height} field.", nameof(TileBorders));
    }
}
