using ILGPU;
using RingKernel.Stencils;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// <see cref="StencilBoundary.Read"/> for C# kernels, which see a field as an
/// <see cref="ArrayView{T}"/> rather than a span: inside the grid the cell; outside, the fixed
/// value or the wrapped cell.
/// </summary>
internal static class StencilCells
{
    public static float Read(ArrayView<float> field, GridSize size, StencilBoundary boundary, int x, int y, int z)
    {
        bool inside = (uint)x < (uint)size.Width && (uint)y < (uint)size.Height && (uint)z < (uint)size.Depth;
        if (inside)
            return field[size.Index(x, y, z)];
        if (boundary.Kind == BoundaryKind.Fixed)
            return boundary.FixedValue;
        return field[size.Index(Wrap(x, size.Width), Wrap(y, size.Height), Wrap(z, size.Depth))];
    }

    private static int Wrap(int coordinate, int extent)
    {
        int wrapped = coordinate % extent;
        return wrapped < 0 ? wrapped + extent : wrapped;
    }
}
