using RingKernel.Kernels;

namespace RingKernel.Stencils;

/// <summary>
/// One step of <see cref="HeatEquation2D"/> written as a GPU kernel: one thread per cell, one
/// workgroup per tile of the grid. The workgroup loads its tile plus a one-cell halo into shared
/// memory (each thread loading cells in turn, so any workgroup shape works), waits at a barrier,
/// and each thread computes its cell from shared memory with the equation's update rule.
/// Bit-identical to <see cref="HeatReference2D"/>.
/// </summary>
public static class HeatKernel2D
{
    /// <summary>
    /// The kernel for <paramref name="equation"/>'s grid with workgroups of
    /// <paramref name="workgroupWidth"/> x <paramref name="workgroupHeight"/> threads; workgroups
    /// on the right and bottom edges may overhang the grid, and their extra threads only help load.
    /// </summary>
    public static KernelDefinition<HeatKernelArgs> Create(HeatEquation2D equation, int workgroupWidth, int workgroupHeight)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workgroupWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workgroupHeight);
        GridSize size = equation.Size;
        var grid = new Dim3(DivideRoundingUp(size.Width, workgroupWidth), DivideRoundingUp(size.Height, workgroupHeight));
        var options = new LaunchOptions(grid, new Dim3(workgroupWidth, workgroupHeight))
        {
            SharedMemoryBytes = SharedTileCells(workgroupWidth, workgroupHeight) * sizeof(float),
        };
        return new KernelDefinition<HeatKernelArgs>("heat2d-step", options) { CpuThreadBody = Step };
    }

    /// <summary>Cells in a workgroup's shared tile: its threads plus a one-cell ring around them.</summary>
    public static int SharedTileCells(int workgroupWidth, int workgroupHeight) => (workgroupWidth + 2) * (workgroupHeight + 2);

    private static IEnumerable<WorkgroupBarrier> Step(ThreadContext thread, HeatKernelArgs args)
    {
        HeatEquation2D equation = args.Equation;
        GridSize size = equation.Size;
        Dim3 group = thread.WorkgroupSize;
        int tileWidth = group.X + 2;
        int tileCells = tileWidth * (group.Y + 2);

        // The tile's cell (0, 0) is the grid cell up and to the left of the workgroup's first thread.
        int originX = (thread.WorkgroupId.X * group.X) - 1;
        int originY = (thread.WorkgroupId.Y * group.Y) - 1;
        Span<float> tile = thread.Shared<float>(0, tileCells);
        for (int i = thread.ThreadIndex; i < tileCells; i += thread.ThreadCount)
        {
            int ty = i / tileWidth;
            tile[i] = equation.Boundary.Read(args.Source, size, originX + (i - (ty * tileWidth)), originY + ty);
        }

        yield return thread.Barrier("tile-loaded");

        Index3 cell = thread.GlobalId;
        if (cell.X < size.Width && cell.Y < size.Height)
        {
            ReadOnlySpan<float> loaded = thread.Shared<float>(0, tileCells);
            int at = ((thread.ThreadId.Y + 1) * tileWidth) + thread.ThreadId.X + 1;
            args.Destination[size.Index(cell.X, cell.Y)] = HeatEquation2D.Update(
                loaded[at], loaded[at - 1], loaded[at + 1], loaded[at - tileWidth], loaded[at + tileWidth], equation.Alpha);
        }
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;
}
