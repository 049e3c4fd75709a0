using System.Numerics;
using System.Runtime.CompilerServices;

namespace RingKernel.Stencils;

/// <summary>
/// The fast single-grid implementation of <see cref="WaveEquation3D"/>: <c>Parallel.For</c> over
/// bands of rows (all rows of all planes), each row in <see cref="Vector{T}"/> lanes, writing the
/// new level over the oldest one. Bit-identical to <see cref="WaveReference3D"/>.
/// </summary>
public sealed class WaveBaseline3D
{
    private readonly float[] _fixedPlane;
    private readonly int _bands;

    public WaveBaseline3D(WaveEquation3D equation)
    {
        ArgumentNullException.ThrowIfNull(equation);
        Equation = equation;

        // Past the Z edges a whole plane of the fixed value; past the Y edges one row of it.
        _fixedPlane = new float[equation.Size.PlaneCells];
        Array.Fill(_fixedPlane, equation.Boundary.FixedValue);
        int rows = equation.Size.Height * equation.Size.Depth;
        _bands = Math.Min(rows, 4 * Environment.ProcessorCount);
    }

    public WaveEquation3D Equation { get; }

    /// <summary>
    /// Writes the step after (<paramref name="previous"/>, <paramref name="current"/>) into
    /// <paramref name="next"/>, which may be <paramref name="previous"/> but not <paramref name="current"/>.
    /// </summary>
    public void Step(float[] previous, float[] current, float[] next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        GridSize size = Equation.Size;
        StencilFields.CheckLength(previous.Length, size, nameof(previous));
        StencilFields.CheckLength(current.Length, size, nameof(current));
        StencilFields.CheckLength(next.Length, size, nameof(next));
        if (ReferenceEquals(current, next))
            throw new ArgumentException("A wave step reads its neighbours from the current level, so it cannot write into it.", nameof(next));
        Parallel.For(0, _bands, band => StepRows(previous, current, next, BandStart(band), BandStart(band + 1)));
    }

    /// <summary>
    /// Advances the pair (<paramref name="previous"/>, <paramref name="current"/>) by
    /// <paramref name="steps"/> steps: afterwards they hold the last two levels. Allocates nothing.
    /// </summary>
    public void Run(float[] previous, float[] current, int steps)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        float[] older = previous;
        float[] newer = current;
        for (int step = 0; step < steps; step++)
        {
            Step(older, newer, older);
            (older, newer) = (newer, older);
        }

        if (!ReferenceEquals(older, previous))
        {
            // An odd number of steps left the levels in each other's arrays: swap their contents.
            Span<float> a = previous;
            Span<float> b = current;
            for (int i = 0; i < a.Length; i++)
                (a[i], b[i]) = (b[i], a[i]);
        }
    }

    private int BandStart(int band) => (int)((long)band * Equation.Size.Height * Equation.Size.Depth / _bands);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepRows(float[] previous, float[] current, float[] next, int firstRow, int endRow)
    {
        GridSize size = Equation.Size;
        int width = size.Width;
        int plane = size.PlaneCells;
        StencilBoundary boundary = Equation.Boundary;
        ReadOnlySpan<float> field = current;
        for (int row = firstRow; row < endRow; row++)
        {
            int z = row / size.Height;
            int y = row - (z * size.Height);
            ReadOnlySpan<float> planeCells = field.Slice(z * plane, plane);
            int start = row * width;
            StencilRows.Wave(
                field.Slice(start, width),
                previous.AsSpan(start, width),
                StencilRows.Neighbour(planeCells, y - 1, size.Height, width, boundary, _fixedPlane),
                StencilRows.Neighbour(planeCells, y + 1, size.Height, width, boundary, _fixedPlane),
                StencilRows.Neighbour(field, z - 1, size.Depth, plane, boundary, _fixedPlane).Slice(y * width, width),
                StencilRows.Neighbour(field, z + 1, size.Depth, plane, boundary, _fixedPlane).Slice(y * width, width),
                next.AsSpan(start, width),
                boundary,
                Equation.C2);
        }
    }
}
