using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RingKernel.Stencils;

/// <summary>
/// Row kernels of the <see cref="Vector{T}"/> baselines: one grid row at a time, the interior in
/// vectors, the two edge cells and the tail scalar, each through the equation's own update rule so
/// that vector and scalar lanes round identically.
/// </summary>
/// <remarks>
/// The row kernels, and the baselines' loops over rows, are compiled fully optimized at once
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a baseline step is a few microseconds
/// of short calls, and under tiered compilation a 512² baseline ran at ~1,000 instead of ~9,500
/// Mcells/s for its first second or more, which the benchmarks then timed.
/// </remarks>
internal static class StencilRows
{
    /// <summary>
    /// One heat step of a row. <paramref name="north"/> and <paramref name="south"/> are the rows
    /// above and below (already resolved for the boundary: a wrapped row or a row of the fixed value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Heat(ReadOnlySpan<float> row, ReadOnlySpan<float> north, ReadOnlySpan<float> south, Span<float> next, StencilBoundary boundary, float alpha)
    {
        int width = row.Length;
        ref float r = ref MemoryMarshal.GetReference(row);
        ref float n = ref MemoryMarshal.GetReference(north);
        ref float s = ref MemoryMarshal.GetReference(south);
        ref float d = ref MemoryMarshal.GetReference(next);
        int last = width - 1;
        d = HeatEquation2D.Update(r, West(row, 0, boundary), East(row, 0, boundary), n, s, alpha);
        int x = 1;
        var alphas = new Vector<float>(alpha);
        for (; x + Vector<float>.Count <= last; x += Vector<float>.Count)
        {
            Vector<float> result = HeatEquation2D.Update(
                Vector.LoadUnsafe(ref r, (nuint)x),
                Vector.LoadUnsafe(ref r, (nuint)(x - 1)),
                Vector.LoadUnsafe(ref r, (nuint)(x + 1)),
                Vector.LoadUnsafe(ref n, (nuint)x),
                Vector.LoadUnsafe(ref s, (nuint)x),
                alphas);
            result.StoreUnsafe(ref d, (nuint)x);
        }

        for (; x <= last; x++)
            Unsafe.Add(ref d, x) = HeatEquation2D.Update(Unsafe.Add(ref r, x), West(row, x, boundary), East(row, x, boundary), Unsafe.Add(ref n, x), Unsafe.Add(ref s, x), alpha);
    }

    /// <summary>
    /// One wave step of a row: <paramref name="previous"/> is the row's older level, the four rows
    /// around it in Y and Z already resolved for the boundary. <paramref name="next"/> may be
    /// <paramref name="previous"/>: each lane reads its own previous value before it is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Wave(
        ReadOnlySpan<float> row,
        ReadOnlySpan<float> previous,
        ReadOnlySpan<float> yMinus,
        ReadOnlySpan<float> yPlus,
        ReadOnlySpan<float> zMinus,
        ReadOnlySpan<float> zPlus,
        Span<float> next,
        StencilBoundary boundary,
        float c2)
    {
        int width = row.Length;
        ref float r = ref MemoryMarshal.GetReference(row);
        ref float p = ref MemoryMarshal.GetReference(previous);
        ref float ym = ref MemoryMarshal.GetReference(yMinus);
        ref float yp = ref MemoryMarshal.GetReference(yPlus);
        ref float zm = ref MemoryMarshal.GetReference(zMinus);
        ref float zp = ref MemoryMarshal.GetReference(zPlus);
        ref float d = ref MemoryMarshal.GetReference(next);
        int last = width - 1;
        d = WaveEquation3D.Update(r, p, West(row, 0, boundary), East(row, 0, boundary), ym, yp, zm, zp, c2);
        int x = 1;
        var c2s = new Vector<float>(c2);
        for (; x + Vector<float>.Count <= last; x += Vector<float>.Count)
        {
            nuint at = (nuint)x;
            Vector<float> result = WaveEquation3D.Update(
                Vector.LoadUnsafe(ref r, at),
                Vector.LoadUnsafe(ref p, at),
                Vector.LoadUnsafe(ref r, at - 1),
                Vector.LoadUnsafe(ref r, at + 1),
                Vector.LoadUnsafe(ref ym, at),
                Vector.LoadUnsafe(ref yp, at),
                Vector.LoadUnsafe(ref zm, at),
                Vector.LoadUnsafe(ref zp, at),
                c2s);
            result.StoreUnsafe(ref d, at);
        }

        for (; x <= last; x++)
        {
            Unsafe.Add(ref d, x) = WaveEquation3D.Update(
                Unsafe.Add(ref r, x),
                Unsafe.Add(ref p, x),
                West(row, x, boundary),
                East(row, x, boundary),
                Unsafe.Add(ref ym, x),
                Unsafe.Add(ref yp, x),
                Unsafe.Add(ref zm, x),
                Unsafe.Add(ref zp, x),
                c2);
        }
    }

    /// <summary>The row (or plane) a field's boundary puts next to an edge: a wrapped one, or <paramref name="fixedValues"/>.</summary>
    public static ReadOnlySpan<float> Neighbour(ReadOnlySpan<float> field, int index, int count, int length, StencilBoundary boundary, ReadOnlySpan<float> fixedValues)
    {
        if ((uint)index < (uint)count)
            return field.Slice(index * length, length);
        if (boundary.Kind == BoundaryKind.Fixed)
            return fixedValues[..length];
        int wrapped = index < 0 ? count - 1 : 0;
        return field.Slice(wrapped * length, length);
    }

    private static float West(ReadOnlySpan<float> row, int x, StencilBoundary boundary) =>
        x > 0 ? row[x - 1] : boundary.Kind == BoundaryKind.Periodic ? row[^1] : boundary.FixedValue;

    private static float East(ReadOnlySpan<float> row, int x, StencilBoundary boundary) =>
        x < row.Length - 1 ? row[x + 1] : boundary.Kind == BoundaryKind.Periodic ? row[0] : boundary.FixedValue;
}
