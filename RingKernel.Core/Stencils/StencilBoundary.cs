using System.Runtime.CompilerServices;

namespace RingKernel.Stencils;

/// <summary>
/// A boundary condition: its <see cref="BoundaryKind"/> and, for <see cref="BoundaryKind.Fixed"/>,
/// the value every cell outside the grid holds.
/// </summary>
public readonly record struct StencilBoundary(BoundaryKind Kind, float FixedValue)
{
    /// <summary>The grid wraps around on every axis.</summary>
    public static StencilBoundary Periodic => new(BoundaryKind.Periodic, 0f);

    /// <summary>Every cell outside the grid holds <paramref name="value"/>.</summary>
    public static StencilBoundary Fixed(float value = 0f) => new(BoundaryKind.Fixed, value);

    /// <summary>
    /// The value of cell (x, y, z) of <paramref name="field"/> where the coordinates may lie
    /// outside the grid (by any amount): the fixed value there, or the wrapped cell.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Read(ReadOnlySpan<float> field, GridSize size, int x, int y, int z = 0)
    {
        bool inside = (uint)x < (uint)size.Width && (uint)y < (uint)size.Height && (uint)z < (uint)size.Depth;
        if (inside)
            return field[size.Index(x, y, z)];
        if (Kind == BoundaryKind.Fixed)
            return FixedValue;
        return field[size.Index(Wrap(x, size.Width), Wrap(y, size.Height), Wrap(z, size.Depth))];
    }

    public override string ToString() => Kind == BoundaryKind.Fixed ? $"fixed ({FixedValue})" : "periodic";

    private static int Wrap(int coordinate, int extent)
    {
        int wrapped = coordinate % extent;
        return wrapped < 0 ? wrapped + extent : wrapped;
    }
}
