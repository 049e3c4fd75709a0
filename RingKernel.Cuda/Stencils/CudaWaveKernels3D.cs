using ILGPU;
using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Cuda.Stencils;

/// <summary>
/// One step of the 3D wave equation as CUDA kernels written in C# (compiled to PTX by ILGPU), one
/// thread per cell, the twins of wave3d_step in stencils.cu: each cell is
/// <see cref="WaveEquation3D.Update(float, float, float, float, float, float, float, float, float)"/> itself, so the order of operations is the reference's.
/// <c>next</c> may be <c>previous</c> (steps in place, as <see cref="WaveReference3D.Run"/> does):
/// each thread reads <c>previous[i]</c> before it writes <c>next[i]</c>, and no other thread reads it.
/// </summary>
internal static class CudaWaveKernels3D
{
    /// <summary>Reads every neighbour from global memory.</summary>
    public static void Step(ArrayView<float> previous, ArrayView<float> current, ArrayView<float> next, GridSize size, float c2, StencilBoundary boundary)
    {
        int x = Grid.GlobalIndex.X;
        int y = Grid.GlobalIndex.Y;
        int z = Grid.GlobalIndex.Z;
        if (x >= size.Width || y >= size.Height || z >= size.Depth)
            return;
        int i = size.Index(x, y, z);
        float u = current[i];
        float before = previous[i];
        next[i] = WaveEquation3D.Update(u, before,
            StencilCells.Read(current, size, boundary, x - 1, y, z),
            StencilCells.Read(current, size, boundary, x + 1, y, z),
            StencilCells.Read(current, size, boundary, x, y - 1, z),
            StencilCells.Read(current, size, boundary, x, y + 1, z),
            StencilCells.Read(current, size, boundary, x, y, z - 1),
            StencilCells.Read(current, size, boundary, x, y, z + 1),
            c2);
    }

    /// <summary>
    /// The block first stages its cells of the current level and a one-cell halo (boundary values
    /// included) in dynamic shared memory of <see cref="SharedBytes"/>, then every cell reads its
    /// neighbours there.
    /// </summary>
    public static void SharedStep(ArrayView<float> previous, ArrayView<float> current, ArrayView<float> next, GridSize size, float c2, StencilBoundary boundary)
    {
        ArrayView<float> tile = SharedMemory.GetDynamic<float>();
        int tileWidth = Group.DimX + 2;
        int tileHeight = Group.DimY + 2;
        int tilePlane = tileWidth * tileHeight;
        int tileCells = tilePlane * (Group.DimZ + 2);
        int originX = (Grid.IdxX * Group.DimX) - 1;
        int originY = (Grid.IdxY * Group.DimY) - 1;
        int originZ = (Grid.IdxZ * Group.DimZ) - 1;
        for (int t = Group.LinearIndex; t < tileCells; t += Group.Dimension.Size)
        {
            int tx = t % tileWidth;
            int ty = (t / tileWidth) % tileHeight;
            int tz = t / tilePlane;
            tile[t] = StencilCells.Read(current, size, boundary, originX + tx, originY + ty, originZ + tz);
        }

        Group.Barrier();

        int x = Grid.GlobalIndex.X;
        int y = Grid.GlobalIndex.Y;
        int z = Grid.GlobalIndex.Z;
        if (x >= size.Width || y >= size.Height || z >= size.Depth)
            return;
        int c = (Group.IdxX + 1) + (tileWidth * ((Group.IdxY + 1) + (tileHeight * (Group.IdxZ + 1))));
        int i = size.Index(x, y, z);
        next[i] = WaveEquation3D.Update(tile[c], previous[i],
            tile[c - 1], tile[c + 1], tile[c - tileWidth], tile[c + tileWidth], tile[c - tilePlane], tile[c + tilePlane], c2);
    }

    /// <summary>The dynamic shared memory <see cref="SharedStep"/> needs with blocks of <paramref name="block"/> threads.</summary>
    public static int SharedBytes(Dim3 block) => checked((block.X + 2) * (block.Y + 2) * (block.Z + 2) * sizeof(float));
}
