using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>Every thread of multi-dimensional grids runs exactly once, with ids that agree with each other.</summary>
public class ThreadIdTests
{
    public static TheoryData<Dim3, Dim3> Shapes => new()
    {
        { new Dim3(1), new Dim3(1) },
        { new Dim3(9), new Dim3(7) },
        { new Dim3(5, 3), new Dim3(7, 2) },
        { new Dim3(3, 2, 2), new Dim3(4, 3, 2) },
        { new Dim3(2, 1, 3), new Dim3(1, 5, 3) },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_global_id_is_visited_once_with_consistent_ids(Dim3 grid, Dim3 workgroup)
    {
        var options = new LaunchOptions(grid, workgroup);
        var seen = new Seen(options.TotalThreads);
        var kernel = new KernelDefinition<Seen>("ids", options).WithCpuThread(Record);

        new CpuBackend(workerCount: 3).Dispatch(kernel, seen);

        Dim3 global = options.GlobalSize;
        Assert.Equal(new Dim3(grid.X * workgroup.X, grid.Y * workgroup.Y, grid.Z * workgroup.Z), global);
        for (int index = 0; index < options.TotalThreads; index++)
        {
            Assert.Equal(1, seen.Visits[index]);
            Index3 id = global.Delinearize(index);
            Assert.Equal(id, seen.GlobalIds[index]);
            Index3 group = seen.WorkgroupIds[index];
            Index3 local = seen.ThreadIds[index];
            Assert.Equal(new Index3(id.X / workgroup.X, id.Y / workgroup.Y, id.Z / workgroup.Z), group);
            Assert.Equal(new Index3(id.X % workgroup.X, id.Y % workgroup.Y, id.Z % workgroup.Z), local);
            Assert.Equal(workgroup.Linearize(local), seen.ThreadIndices[index]);
            Assert.Equal(grid.Linearize(group), seen.WorkgroupIndices[index]);
        }
    }

    [Fact]
    public void One_dimensional_global_index_is_workgroup_index_times_size_plus_thread_index()
    {
        var seen = new Seen(6 * 10);
        var kernel = new KernelDefinition<Seen>("ids-1d", new LaunchOptions(6, 10)).WithCpuThread(Record);

        new CpuBackend().Dispatch(kernel, seen);

        for (int index = 0; index < 60; index++)
            Assert.Equal(index, (seen.WorkgroupIndices[index] * 10) + seen.ThreadIndices[index]);
    }

    [Fact]
    public void Pooled_contexts_rebind_their_ids_when_the_workgroup_shape_changes()
    {
        var backend = new CpuBackend(workerCount: 1);
        var kernel = new KernelDefinition<Seen>("ids-reshaped", new LaunchOptions(2, new Dim3(4, 4))).WithCpuThread(Record);
        foreach (LaunchOptions options in new[] { new LaunchOptions(2, new Dim3(4, 4)), new LaunchOptions(3, 16), new LaunchOptions(2, new Dim3(2, 2, 4)), new LaunchOptions(1, 64) })
        {
            var seen = new Seen(options.TotalThreads);

            backend.Dispatch(kernel.WithOptions(options), seen);

            for (int index = 0; index < options.TotalThreads; index++)
            {
                Assert.Equal(1, seen.Visits[index]);
                Assert.Equal(options.GlobalSize.Delinearize(index), seen.GlobalIds[index]);
                Assert.Equal(options.Workgroup.Linearize(seen.ThreadIds[index]), seen.ThreadIndices[index]);
            }
        }
    }

    private static IEnumerable<WorkgroupBarrier> Record(ThreadContext thread, Seen seen)
    {
        // A barrier before and after, so threads of a workgroup interleave while recording.
        yield return thread.Barrier("start");
        int index = thread.GlobalIndex;
        KernelAtomics.Add(ref seen.Visits[index], 1);
        seen.GlobalIds[index] = thread.GlobalId;
        seen.WorkgroupIds[index] = thread.WorkgroupId;
        seen.ThreadIds[index] = thread.ThreadId;
        seen.ThreadIndices[index] = thread.ThreadIndex;
        seen.WorkgroupIndices[index] = thread.WorkgroupIndex;
        yield return thread.Barrier("recorded");
        if (thread.ThreadCount != thread.WorkgroupSize.Count || thread.GlobalSize != thread.Workgroup.GlobalSize || thread.GridSize != thread.Workgroup.GridSize)
            throw new InvalidOperationException("extents disagree");
    }

    private sealed class Seen(int threads)
    {
        public int[] Visits { get; } = new int[threads];

        public Index3[] GlobalIds { get; } = new Index3[threads];

        public Index3[] WorkgroupIds { get; } = new Index3[threads];

        public Index3[] ThreadIds { get; } = new Index3[threads];

        public int[] ThreadIndices { get; } = new int[threads];

        public int[] WorkgroupIndices { get; } = new int[threads];
    }
}
