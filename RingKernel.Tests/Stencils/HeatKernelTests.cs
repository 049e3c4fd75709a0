using RingKernel.Cpu;
using RingKernel.Cpu.Stencils;
using RingKernel.Stencils;

namespace RingKernel.Tests.Stencils;

/// <summary>The per-thread, shared-memory heat kernel on the CPU backend against the reference.</summary>
public class HeatKernelTests
{
    private static readonly CpuBackend Backend = new(workerCount: 2);

    public static TheoryData<int, int, int, int, string> Shapes
    {
        get
        {
            var data = new TheoryData<int, int, int, int, string>();
            int[][] shapes = [[1, 1], [16, 16], [8, 4], [7, 5], [32, 1], [3, 13], [40, 25]];
            foreach (int[] s in shapes)
            {
                data.Add(37, 29, s[0], s[1], "periodic");
                data.Add(37, 29, s[0], s[1], "fixed");
            }

            data.Add(64, 64, 16, 16, "periodic");
            data.Add(64, 64, 16, 16, "fixed0");
            data.Add(5, 3, 8, 8, "periodic");
            data.Add(1, 8, 1, 4, "periodic");
            data.Add(8, 1, 4, 1, "fixed");
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Kernel_steps_equal_the_reference_bit_for_bit(int width, int height, int workgroupWidth, int workgroupHeight, string boundary)
    {
        var size = new GridSize(width, height);
        var equation = new HeatEquation2D(size, 0.21f, StencilFieldsForTests.Boundary(boundary));
        float[] expected = StencilFieldsForTests.Random(size, seed: workgroupWidth * 31 + workgroupHeight);
        float[] current = (float[])expected.Clone();
        float[] next = new float[size.CellCount];
        var kernel = CpuHeatKernel2D.Create(equation, workgroupWidth, workgroupHeight);

        const int Steps = 4;
        for (int step = 0; step < Steps; step++)
        {
            Backend.Dispatch(kernel, new CpuHeatArgs(equation, current, next));
            (current, next) = (next, current);
        }

        HeatReference2D.Run(equation, expected, Steps);
        StencilFieldsForTests.AssertBitwiseEqual(expected, current, size);
    }

    /// <summary>
    /// The kernel's body is a pooled coroutine: on one worker (the whole dispatch on the calling
    /// thread) a warm step allocates nothing, where an iterator body allocated one iterator per
    /// cell, and the steps still match the reference.
    /// </summary>
    [Fact]
    public void A_warm_step_allocates_nothing_and_still_equals_the_reference()
    {
        var size = new GridSize(64, 48);
        var equation = new HeatEquation2D(size, 0.2f, StencilBoundary.Periodic);
        float[] expected = StencilFieldsForTests.Random(size, seed: 5);
        float[] current = (float[])expected.Clone();
        float[] next = new float[size.CellCount];
        var kernel = CpuHeatKernel2D.Create(equation, 16, 16);
        var backend = new CpuBackend(workerCount: 1);
        backend.Dispatch(kernel, new CpuHeatArgs(equation, current, next)); // warm: JIT, boxes
        (current, next) = (next, current);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 3; step++)
        {
            backend.Dispatch(kernel, new CpuHeatArgs(equation, current, next));
            (current, next) = (next, current);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        HeatReference2D.Run(equation, expected, 4);
        StencilFieldsForTests.AssertBitwiseEqual(expected, current, size);
    }

    [Fact]
    public void Workgroups_cover_the_grid_and_overhang_only_at_its_far_edges()
    {
        var equation = new HeatEquation2D(new GridSize(37, 29), 0.1f, StencilBoundary.Periodic);
        var kernel = CpuHeatKernel2D.Create(equation, 8, 4);
        Assert.Equal(new RingKernel.Kernels.Dim3(5, 8), kernel.Options.Grid);
        Assert.Equal(10 * 6 * sizeof(float), kernel.Options.SharedMemoryBytes);
    }
}
