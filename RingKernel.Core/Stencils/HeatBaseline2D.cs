using System.Numerics;
using System.Runtime.CompilerServices;

namespace RingKernel.Stencils;

/// <summary>
/// The fast single-grid implementation of <see cref="HeatEquation2D"/>: <c>Parallel.For</c> over
/// bands of rows, each row in <see cref="Vector{T}"/> lanes. Bit-identical to
/// <see cref="HeatReference2D"/>; the yardstick the tiled and kernel versions are measured against.
/// </summary>
public sealed class HeatBaseline2D
{
    private readonly float[] _fixedRow;
    private readonly int _bands;
    private float[]? _scratch;

    public HeatBaseline2D(HeatEquation2D equation)
    {
        ArgumentNullException.ThrowIfNull(equation);
        Equation = equation;
        _fixedRow = new float[equation.Size.Width];
        Array.Fill(_fixedRow, equation.Boundary.FixedValue);

        // A few bands per core balance the load without paying Parallel.For per row.
        _bands = Math.Min(equation.Size.Height, 4 * Environment.ProcessorCount);
    }

    public HeatEquation2D Equation { get; }

    /// <summary>Writes one step of <paramref name="current"/> into <paramref name="next"/> (distinct arrays).</summary>
    public void Step(float[] current, float[] next)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        GridSize size = Equation.Size;
        StencilFields.CheckLength(current.Length, size, nameof(current));
        StencilFields.CheckLength(next.Length, size, nameof(next));
        if (ReferenceEquals(current, next))
            throw new ArgumentException("A heat step reads its neighbours from the current field, so it cannot write into it.", nameof(next));
        Parallel.For(0, _bands, band => StepRows(current, next, BandStart(band), BandStart(band + 1)));
    }

    /// <summary>Advances <paramref name="field"/> by <paramref name="steps"/> steps in place.</summary>
    public void Run(float[] field, int steps)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        StencilFields.CheckLength(field.Length, Equation.Size, nameof(field));
        float[] current = field;
        float[] next = _scratch ??= new float[field.Length];
        for (int step = 0; step < steps; step++)
        {
            Step(current, next);
            (current, next) = (next, current);
        }

        if (!ReferenceEquals(current, field))
            current.CopyTo(field, 0);
    }

    private int BandStart(int band) => (int)((long)band * Equation.Size.Height / _bands);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepRows(float[] current, float[] next, int firstRow, int endRow)
    {
        GridSize size = Equation.Size;
        int width = size.Width;
        StencilBoundary boundary = Equation.Boundary;
        ReadOnlySpan<float> field = current;
        for (int y = firstRow; y < endRow; y++)
        {
            StencilRows.Heat(
                field.Slice(y * width, width),
                StencilRows.Neighbour(field, y - 1, size.Height, width, boundary, _fixedRow),
                StencilRows.Neighbour(field, y + 1, size.Height, width, boundary, _fixedRow),
                next.AsSpan(y * width, width),
                boundary,
                Equation.Alpha);
        }
    }
}
