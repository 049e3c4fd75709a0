using ILGPU;
using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// One step of the 2D heat equation as CUDA kernels written in C# (compiled to PTX by ILGPU), one
/// thread per cell, the twins of heat2d_step in stencils.cu: each cell is
/// <see cref="HeatEquation2D.Update(float, float, float, float, float, float)"/> itself, so the order of operations is the reference's.
/// </summary>
internal static class CudaHeatKernels2D
{
    /// <summary>Reads every neighbour from global memory.</summary>
    public static void Step(ArrayView<float> current, ArrayView<float> next, GridSize size, float alpha, StencilBoundary boundary)
    {
        int x = Grid.GlobalIndex.X;
        int y = Grid.GlobalIndex.Y;
        if (x >= size.Width || y >= size.Height)
            return;
        float west = StencilCells.Read(current, size, boundary, x - 1, y, 0);
        float east = StencilCells.Read(current, size, boundary, x + 1, y, 0);
        float north = StencilCells.Read(current, size, boundary, x, y - 1, 0);
        float south = StencilCells.Read(current, size, boundary, x, y + 1, 0);
        int i = size.Index(x, y);
        next[i] = HeatEquation2D.Update(current[i], west, east, north, south, alpha);
    }

    /// <summary>
    /// The block first stages its cells and a one-cell halo (boundary values included) in dynamic
    /// shared memory of <see cref="SharedBytes"/>, then every cell reads its neighbours there.
    /// </summary>
    public static void SharedStep(ArrayView<float> current, ArrayView<float> next, GridSize size, float alpha, StencilBoundary boundary)
    {
        ArrayView<float> tile = SharedMemory.GetDynamic<float>();
        int tileWidth = Group.DimX + 2;
        int tileCells = tileWidth * (Group.DimY + 2);
        int originX = (Grid.IdxX * Group.DimX) - 1;
        int originY = (Grid.IdxY * Group.DimY) - 1;
        for (int t = Group.LinearIndex; t < tileCells; t += Group.Dimension.Size)
            tile[t] = StencilCells.Read(current, size, boundary, originX + (t % tileWidth), originY + (t / tileWidth), 0);
        Group.Barrier();

        int x = Grid.GlobalIndex.X;
        int y = Grid.GlobalIndex.Y;
        if (x >= size.Width || y >= size.Height)
            return;
        int c = (Group.IdxX + 1) + (tileWidth * (Group.IdxY + 1));
        next[size.Index(x, y)] = HeatEquation2D.Update(tile[c], tile[c - 1], tile[c + 1], tile[c - tileWidth], tile[c + tileWidth], alpha);
    }

    /// <summary>The dynamic shared memory <see cref="SharedStep"/> needs with blocks of <paramref name="block"/> threads.</summary>
    public static int SharedBytes(Dim3 block) => checked((block.X + 2) * (block.Y + 2) * sizeof(float));
}
