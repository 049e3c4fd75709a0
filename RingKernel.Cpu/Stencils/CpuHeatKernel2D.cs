using System.Runtime.CompilerServices;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Cpu.Stencils;

/// <summary>
/// One step of <see cref="HeatEquation2D"/> written as a GPU kernel: one thread per cell, one
/// workgroup per tile of the grid. The workgroup loads its tile plus a one-cell halo into shared
/// memory (each thread its own cell, edge threads the halo cell beside them; corners are not
/// needed by a 5-point stencil), waits at a barrier, and each thread computes its cell from shared
/// memory with the equation's update rule.
/// Bit-identical to <see cref="HeatReference2D"/>.
/// </summary>
public static class CpuHeatKernel2D
{
    /// <summary>
    /// The kernel for <paramref name="equation"/>'s grid with workgroups of
    /// <paramref name="workgroupWidth"/> x <paramref name="workgroupHeight"/> threads; workgroups
    /// on the right and bottom edges may overhang the grid, and their extra threads only help load.
    /// </summary>
    public static KernelDefinition<CpuHeatArgs> Create(HeatEquation2D equation, int workgroupWidth, int workgroupHeight)
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
        return new KernelDefinition<CpuHeatArgs>("heat2d-step", options).WithCpuCoroutine(Step);
    }

    /// <summary>Cells in a workgroup's shared tile: its threads plus a one-cell ring around them.</summary>
    public static int SharedTileCells(int workgroupWidth, int workgroupHeight) => (workgroupWidth + 2) * (workgroupHeight + 2);

    /// <summary>
    /// The per-thread body: load, barrier, update. A <see cref="ThreadCoroutine"/>, so its state
    /// lives in a box each thread slot reuses and a step allocates nothing. The tile position is
    /// computed once and kept across the barrier (an int in the box).
    /// </summary>
    private static async ThreadCoroutine Step(ThreadContext thread, CpuHeatArgs args)
    {
        int at = LoadTile(thread, args);
        await thread.Barrier("tile-loaded");
        UpdateCell(thread, args, at);
    }

    /// <summary>
    /// Each thread loads its own cell into the tile (offset by the one-cell ring); threads on the
    /// workgroup's edges also load the ring cell beside them. A thread past the grid's far edge
    /// loads what the boundary puts there: the east or south neighbour of the last cells.
    /// Returns the thread's position in the tile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LoadTile(ThreadContext thread, CpuHeatArgs args)
    {
        HeatEquation2D equation = args.Equation;
        GridSize size = equation.Size;
        Dim3 group = thread.WorkgroupSize;
        int tileWidth = group.X + 2;
        Index3 local = thread.ThreadId;
        Index3 cell = thread.GlobalId;
        int at = ((local.Y + 1) * tileWidth) + local.X + 1;
        StencilBoundary boundary = equation.Boundary;
        ReadOnlySpan<float> source = args.Source;
        Span<float> tile = thread.Shared<float>(0, tileWidth * (group.Y + 2));
        tile[at] = boundary.Read(source, size, cell.X, cell.Y);
        if (local.X == 0)
            tile[at - 1] = boundary.Read(source, size, cell.X - 1, cell.Y);
        if (local.X == group.X - 1)
            tile[at + 1] = boundary.Read(source, size, cell.X + 1, cell.Y);
        if (local.Y == 0)
            tile[at - tileWidth] = boundary.Read(source, size, cell.X, cell.Y - 1);
        if (local.Y == group.Y - 1)
            tile[at + tileWidth] = boundary.Read(source, size, cell.X, cell.Y + 1);
        return at;
    }

    /// <summary>Each thread inside the grid computes its cell, at <paramref name="at"/> in the loaded tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateCell(ThreadContext thread, CpuHeatArgs args, int at)
    {
        HeatEquation2D equation = args.Equation;
        GridSize size = equation.Size;
        Index3 cell = thread.GlobalId;
        if (cell.X >= size.Width || cell.Y >= size.Height)
            return;
        Dim3 group = thread.WorkgroupSize;
        int tileWidth = group.X + 2;
        ReadOnlySpan<float> loaded = thread.Shared<float>(0, tileWidth * (group.Y + 2));
        args.Destination[size.Index(cell.X, cell.Y)] = HeatEquation2D.Update(
            loaded[at], loaded[at - 1], loaded[at + 1], loaded[at - tileWidth], loaded[at + tileWidth], equation.Alpha);
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;
}
