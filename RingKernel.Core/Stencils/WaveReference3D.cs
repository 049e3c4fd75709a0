namespace RingKernel.Stencils;

/// <summary>
/// The ground truth for <see cref="WaveEquation3D"/>: one cell at a time, every neighbour read
/// through <see cref="StencilBoundary.Read"/>. Slow and plainly correct; tests compare every
/// other implementation with it bit for bit.
/// </summary>
public static class WaveReference3D
{
    /// <summary>
    /// Writes the step after (<paramref name="previous"/>, <paramref name="current"/>) into
    /// <paramref name="next"/>, which may be <paramref name="previous"/> itself (each cell reads
    /// its own previous value only), but not <paramref name="current"/>.
    /// </summary>
    public static void Step(WaveEquation3D equation, ReadOnlySpan<float> previous, ReadOnlySpan<float> current, Span<float> next)
    {
        ArgumentNullException.ThrowIfNull(equation);
        GridSize size = equation.Size;
        StencilFields.CheckLength(previous.Length, size, nameof(previous));
        StencilFields.CheckLength(current.Length, size, nameof(current));
        StencilFields.CheckLength(next.Length, size, nameof(next));
        StencilBoundary boundary = equation.Boundary;
        for (int z = 0; z < size.Depth; z++)
        {
            for (int y = 0; y < size.Height; y++)
            {
                for (int x = 0; x < size.Width; x++)
                {
                    int i = size.Index(x, y, z);
                    next[i] = WaveEquation3D.Update(
                        current[i],
                        previous[i],
                        boundary.Read(current, size, x - 1, y, z),
                        boundary.Read(current, size, x + 1, y, z),
                        boundary.Read(current, size, x, y - 1, z),
                        boundary.Read(current, size, x, y + 1, z),
                        boundary.Read(current, size, x, y, z - 1),
                        boundary.Read(current, size, x, y, z + 1),
                        equation.C2);
                }
            }
        }
    }

    /// <summary>
    /// Advances the pair (<paramref name="previous"/>, <paramref name="current"/>) by
    /// <paramref name="steps"/> steps in place: afterwards they hold the last two time levels.
    /// </summary>
    public static void Run(WaveEquation3D equation, float[] previous, float[] current, int steps)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        float[] older = previous;
        float[] newer = current;
        for (int step = 0; step < steps; step++)
        {
            Step(equation, older, newer, older);
            (older, newer) = (newer, older);
        }

        if (!ReferenceEquals(older, previous))
        {
            // An odd number of steps left the levels in each other's arrays.
            float[] swap = (float[])older.Clone();
            newer.CopyTo(current, 0);
            swap.CopyTo(previous, 0);
        }
    }
}
