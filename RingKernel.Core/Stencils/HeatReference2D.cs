namespace RingKernel.Stencils;

/// <summary>
/// The ground truth for <see cref="HeatEquation2D"/>: one cell at a time, every neighbour read
/// through <see cref="StencilBoundary.Read"/>. Slow and plainly correct; tests compare every
/// other implementation with it bit for bit.
/// </summary>
public static class HeatReference2D
{
    /// <summary>Writes one step of <paramref name="current"/> into <paramref name="next"/> (distinct fields).</summary>
    public static void Step(HeatEquation2D equation, ReadOnlySpan<float> current, Span<float> next)
    {
        ArgumentNullException.ThrowIfNull(equation);
        GridSize size = equation.Size;
        StencilFields.CheckLength(current.Length, size, nameof(current));
        StencilFields.CheckLength(next.Length, size, nameof(next));
        StencilBoundary boundary = equation.Boundary;
        for (int y = 0; y < size.Height; y++)
        {
            for (int x = 0; x < size.Width; x++)
            {
                float west = boundary.Read(current, size, x - 1, y);
                float east = boundary.Read(current, size, x + 1, y);
                float north = boundary.Read(current, size, x, y - 1);
                float south = boundary.Read(current, size, x, y + 1);
                next[size.Index(x, y)] = HeatEquation2D.Update(current[size.Index(x, y)], west, east, north, south, equation.Alpha);
            }
        }
    }

    /// <summary>Advances <paramref name="field"/> by <paramref name="steps"/> steps in place.</summary>
    public static void Run(HeatEquation2D equation, float[] field, int steps)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        float[] current = field;
        float[] next = new float[field.Length];
        for (int step = 0; step < steps; step++)
        {
            Step(equation, current, next);
            (current, next) = (next, current);
        }

        if (!ReferenceEquals(current, field))
            current.CopyTo(field, 0);
    }
}
