using System.Numerics;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>The workgroup-level body: one call per workgroup, free to vectorise.</summary>
public class WorkgroupBodyTests
{
    [Theory]
    [InlineData(1, 7)]
    [InlineData(16, 64)]
    [InlineData(9, 100)]
    [InlineData(33, 256)]
    public void Vector_saxpy_matches_the_scalar_loop_exactly(int workgroups, int size)
    {
        var random = new Random(workgroups * size);
        int length = workgroups * size;
        float[] x = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() * 100 - 50).ToArray();
        float[] y = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() * 100 - 50).ToArray();
        float[] expected = new float[length];
        const float A = 1.75f;
        for (int i = 0; i < length; i++)
            expected[i] = (A * x[i]) + y[i];
        var kernel = new KernelDefinition<SaxpyArgs>("saxpy", new LaunchOptions(workgroups, size)).WithCpuWorkgroup(VectorSaxpy);

        new CpuBackend().Dispatch(kernel, new SaxpyArgs(A, x, y));

        Assert.Equal(expected, y);
    }

    [Fact]
    public void The_workgroup_body_runs_instead_of_the_thread_body_when_both_are_given()
    {
        int[] calls = new int[2];
        var kernel = new KernelDefinition<int[]>("both-bodies", new LaunchOptions(new Dim3(3, 2), 16))
            .WithCpuThread(CountThreadCall)
            .WithCpuWorkgroup((workgroup, counts) => KernelAtomics.Add(ref counts[1], 1));

        new CpuBackend().Dispatch(kernel, calls);

        Assert.Equal([0, 6], calls);
    }

    [Fact]
    public void A_workgroup_body_sees_its_ids_and_its_own_zeroed_shared_memory()
    {
        var options = new LaunchOptions(new Dim3(4, 3, 2), new Dim3(8, 2)) { SharedMemoryBytes = 64 };
        int[] visits = new int[options.WorkgroupCount];
        var kernel = new KernelDefinition<int[]>("workgroup-ids", options)
            .WithCpuWorkgroup((workgroup, seen) =>
            {
                Span<int> shared = workgroup.Shared<int>(0, 16);
                if (shared.ContainsAnyExcept(0) || workgroup.SharedMemory.Length != 64 || workgroup.ThreadCount != 16)
                    throw new InvalidOperationException("workgroup state leaked or is the wrong size");
                shared.Fill(workgroup.WorkgroupIndex + 1);
                Assert.Equal(workgroup.GridSize.Linearize(workgroup.WorkgroupId), workgroup.WorkgroupIndex);
                KernelAtomics.Add(ref seen[workgroup.WorkgroupIndex], 1);
            });

        new CpuBackend().Dispatch(kernel, visits);

        Assert.All(visits, v => Assert.Equal(1, v));
    }

    /// <summary>Each workgroup handles the slice its threads would: whole vectors first, then a scalar tail.</summary>
    private static void VectorSaxpy(WorkgroupContext workgroup, SaxpyArgs args)
    {
        int start = workgroup.WorkgroupIndex * workgroup.ThreadCount;
        int end = start + workgroup.ThreadCount;
        var a = new Vector<float>(args.A);
        int i = start;
        for (; i + Vector<float>.Count <= end; i += Vector<float>.Count)
        {
            var x = new Vector<float>(args.X, i);
            var y = new Vector<float>(args.Y, i);
            ((a * x) + y).CopyTo(args.Y, i);
        }

        for (; i < end; i++)
            args.Y[i] = (args.A * args.X[i]) + args.Y[i];
    }

    private static IEnumerable<WorkgroupBarrier> CountThreadCall(ThreadContext thread, int[] counts)
    {
        KernelAtomics.Add(ref counts[0], 1);
        yield return thread.Barrier();
    }

    private sealed record SaxpyArgs(float A, float[] X, float[] Y);
}
