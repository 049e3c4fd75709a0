namespace RingKernel.Stencils;

/// <summary>
/// Deterministic starting fields for the stencil samples and tests: the same grid gives the same
/// bits on every run (each value is computed in double and rounded once to float).
/// </summary>
public static class InitialConditions
{
    /// <summary>
    /// A field of <paramref name="ambient"/> with an axis-aligned square (2D) or cube (3D) of
    /// <paramref name="hot"/> in the middle, its side <paramref name="fraction"/> of each extent.
    /// </summary>
    public static float[] HotSquare(GridSize size, float ambient = 0f, float hot = 1f, double fraction = 0.25)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The square's side must be a fraction of the grid in (0, 1].");
        var field = new float[size.CellCount];
        Array.Fill(field, ambient);
        (int x0, int x1) = Centered(size.Width, fraction);
        (int y0, int y1) = Centered(size.Height, fraction);
        (int z0, int z1) = size.Is2D ? (0, 1) : Centered(size.Depth, fraction);
        for (int z = z0; z < z1; z++)
        {
            for (int y = y0; y < y1; y++)
                field.AsSpan(size.Index(x0, y, z), x1 - x0).Fill(hot);
        }

        return field;
    }

    /// <summary>
    /// A Gaussian bump <c>amplitude * exp(-r² / (2 sigma²))</c> around the centre of the grid,
    /// with sigma <paramref name="sigmaFraction"/> of the smallest extent (at least half a cell).
    /// </summary>
    public static float[] GaussianPulse(GridSize size, float amplitude = 1f, double sigmaFraction = 0.05)
    {
        if (!(sigmaFraction > 0))
            throw new ArgumentOutOfRangeException(nameof(sigmaFraction), sigmaFraction, "The pulse's width must be positive.");
        int smallest = Math.Min(size.Width, size.Height);
        if (!size.Is2D)
            smallest = Math.Min(smallest, size.Depth);
        double sigma = Math.Max(0.5, sigmaFraction * smallest);
        double scale = -1.0 / (2 * sigma * sigma);
        double cx = (size.Width - 1) / 2.0, cy = (size.Height - 1) / 2.0, cz = (size.Depth - 1) / 2.0;
        var field = new float[size.CellCount];
        for (int z = 0; z < size.Depth; z++)
        {
            for (int y = 0; y < size.Height; y++)
            {
                for (int x = 0; x < size.Width; x++)
                {
                    double dx = x - cx, dy = y - cy, dz = z - cz;
                    field[size.Index(x, y, z)] = (float)(amplitude * Math.Exp(((dx * dx) + (dy * dy) + (dz * dz)) * scale));
                }
            }
        }

        return field;
    }

    private static (int Start, int End) Centered(int extent, double fraction)
    {
        int side = Math.Max(1, (int)Math.Round(extent * fraction));
        int start = (extent - side) / 2;
        return (start, start + side);
    }
}
