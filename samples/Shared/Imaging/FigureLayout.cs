using SkiaSharp;

namespace RingKernel.Samples.Imaging;

/// <summary>Where a <see cref="FieldFigure"/> puts its parts, in pixels of the figure.</summary>
/// <param name="Width">The figure's width.</param>
/// <param name="Height">The figure's height.</param>
/// <param name="Scale">Figure pixels per field cell along each axis.</param>
/// <param name="Field">The field, <see cref="Scale"/> pixels a cell.</param>
/// <param name="ColorBar">The colour bar: the map's high end at the top, its low end at the bottom.</param>
/// <param name="Title">The title's lines, wrapped to the figure's width.</param>
/// <param name="Caption">The caption's lines under the field, wrapped to the figure's width.</param>
/// <param name="TitleTop">The top of the first title line.</param>
/// <param name="CaptionTop">The top of the first caption line.</param>
public sealed record FigureLayout(
    int Width,
    int Height,
    float Scale,
    SKRectI Field,
    SKRectI ColorBar,
    IReadOnlyList<string> Title,
    IReadOnlyList<string> Caption,
    int TitleTop,
    int CaptionTop);
