using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>Shared memory belongs to one workgroup: zeroed when it starts, never seen by another, bounds-checked.</summary>
public class SharedMemoryTests
{
    [Fact]
    public void Workgroups_on_parallel_workers_see_only_their_own_shared_memory()
    {
        const int Size = 48;
        var options = new LaunchOptions(200, Size) { SharedMemoryBytes = Size * sizeof(int) };
        long[] sums = new long[options.WorkgroupCount];
        int[] dirty = new int[1];
        var kernel = new KernelDefinition<IsolationArgs>("isolation", options).WithCpuThread(WriteOwnAndSumAll);

        new CpuBackend(workerCount: 2).Dispatch(kernel, new IsolationArgs(sums, dirty));

        Assert.Equal(0, dirty[0]);
        for (int g = 0; g < sums.Length; g++)
        {
            // Every thread of workgroup g summed the Size values g * 1000 + t.
            long expected = Size * (((long)g * 1000 * Size) + (Size * (Size - 1) / 2));
            Assert.Equal(expected, sums[g]);
        }
    }

    [Fact]
    public void Reading_past_the_declared_shared_memory_is_a_kernel_fault()
    {
        var kernel = new KernelDefinition<int>("overrun", new LaunchOptions(1, 4) { SharedMemoryBytes = 16 })
            .WithCpuThread((thread, _) => Touch(thread, byteOffset: 4, count: 4));

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend().Dispatch(kernel, 0));

        var inner = Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
        Assert.Contains("16 bytes of shared memory of kernel 'overrun'", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misaligned_typed_view_is_a_kernel_fault_as_on_a_gpu()
    {
        var kernel = new KernelDefinition<int>("misaligned", new LaunchOptions(1, 4) { SharedMemoryBytes = 64 })
            .WithCpuThread((thread, _) => Touch(thread, byteOffset: 2, count: 1));

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend().Dispatch(kernel, 0));

        Assert.Contains("aligned to 4 bytes", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Struct_views_need_the_alignment_of_their_size_up_to_16_bytes()
    {
        string?[] errors = new string?[4];
        var kernel = new KernelDefinition<string?[]>("struct-views", new LaunchOptions(1, 1) { SharedMemoryBytes = 128 })
            .WithCpuWorkgroup((workgroup, seen) =>
            {
                seen[0] = Try(() => workgroup.Shared<Float3>(4, 2).Length); // 12 bytes: 4-aligned
                seen[1] = Try(() => workgroup.Shared<Triple>(8, 2).Length); // 24 bytes: 8-aligned
                seen[2] = Try(() => workgroup.Shared<Float4>(8, 1).Length); // 16 bytes: 16-aligned
                seen[3] = Try(() => workgroup.Shared<Float4>(112, 1).Length);
            });

        new CpuBackend().Dispatch(kernel, errors);

        Assert.Equal(new string?[] { null, null, "aligned to 16 bytes", null }, errors);

        static string? Try(Func<int> view)
        {
            try
            {
                view();
                return null;
            }
            catch (ArgumentOutOfRangeException error) when (error.Message.Contains("aligned to 16 bytes", StringComparison.Ordinal))
            {
                return "aligned to 16 bytes";
            }
        }
    }

    [Fact]
    public void A_kernel_without_shared_memory_gets_an_empty_span()
    {
        int[] lengths = [-1];
        var kernel = new KernelDefinition<int[]>("no-shared", new LaunchOptions(1, 1))
            .WithCpuWorkgroup((workgroup, seen) => seen[0] = workgroup.SharedMemory.Length + workgroup.Shared<long>(0, 0).Length);

        new CpuBackend().Dispatch(kernel, lengths);

        Assert.Equal([0], lengths);
    }

    private static IEnumerable<WorkgroupBarrier> WriteOwnAndSumAll(ThreadContext thread, IsolationArgs args)
    {
        int t = thread.ThreadIndex;
        int n = thread.ThreadCount;
        if (thread.Shared<int>(0, n)[t] != 0)
            KernelAtomics.Add(ref args.Dirty[0], 1);
        yield return thread.Barrier("checked-zero");
        thread.Shared<int>(0, n)[t] = (thread.WorkgroupIndex * 1000) + t;
        yield return thread.Barrier("written");
        long sum = 0;
        foreach (int value in thread.Shared<int>(0, n))
            sum += value;
        KernelAtomics.Add(ref args.Sums[thread.WorkgroupIndex], sum);
    }

    private static IEnumerable<WorkgroupBarrier> Touch(ThreadContext thread, int byteOffset, int count)
    {
        yield return thread.Barrier();
        thread.Shared<int>(byteOffset, count).Fill(1);
    }

    private sealed record IsolationArgs(long[] Sums, int[] Dirty);

    private record struct Float3(float X, float Y, float Z);

    private record struct Triple(long A, long B, long C);

    private record struct Float4(float X, float Y, float Z, float W);
}
