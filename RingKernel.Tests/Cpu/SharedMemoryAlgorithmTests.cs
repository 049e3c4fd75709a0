using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>
/// Classic barrier-heavy GPU algorithms in shared memory, run as coroutine workgroups and checked
/// exactly against sequential references. A barrier that did not hold would mix phases and break them.
/// </summary>
public class SharedMemoryAlgorithmTests
{
    private const int Workgroups = 5;

    private static readonly CpuBackend Backend = new(workerCount: 2);

    [Theory]
    [MemberData(nameof(WorkgroupSizes.All), MemberType = typeof(WorkgroupSizes))]
    public void Tree_reduction_sums_each_workgroup(int size)
    {
        long[] input = RandomLongs(size * Workgroups, seed: size);
        long[] sums = new long[Workgroups];
        var kernel = new KernelDefinition<ReduceArgs>("tree-reduce", new LaunchOptions(Workgroups, size) { SharedMemoryBytes = size * sizeof(long) })
            .WithCpuThread(TreeReduce);

        Backend.Dispatch(kernel, new ReduceArgs(input, sums));

        for (int g = 0; g < Workgroups; g++)
            Assert.Equal(input.Skip(g * size).Take(size).Sum(), sums[g]);
    }

    [Theory]
    [MemberData(nameof(WorkgroupSizes.All), MemberType = typeof(WorkgroupSizes))]
    public void Hillis_Steele_scan_gives_inclusive_prefix_sums(int size)
    {
        long[] input = RandomLongs(size * Workgroups, seed: 100 + size);
        long[] output = new long[input.Length];
        var kernel = new KernelDefinition<ScanArgs>("hillis-steele-scan", new LaunchOptions(Workgroups, size) { SharedMemoryBytes = 2 * size * sizeof(long) })
            .WithCpuThread(InclusiveScan);

        Backend.Dispatch(kernel, new ScanArgs(input, output));

        for (int g = 0; g < Workgroups; g++)
        {
            long running = 0;
            for (int i = g * size; i < (g + 1) * size; i++)
            {
                running += input[i];
                Assert.Equal(running, output[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(WorkgroupSizes.All), MemberType = typeof(WorkgroupSizes))]
    public void Bitonic_sort_orders_each_workgroups_segment(int size)
    {
        var random = new Random(200 + size);
        float[] input = Enumerable.Range(0, size * Workgroups).Select(_ => (float)random.Next(-50, 50)).ToArray();
        float[] output = new float[input.Length];
        int padded = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)size);
        var kernel = new KernelDefinition<SortArgs>("bitonic-sort", new LaunchOptions(Workgroups, size) { SharedMemoryBytes = padded * sizeof(float) })
            .WithCpuThread(BitonicSort);

        Backend.Dispatch(kernel, new SortArgs(input, output, padded));

        for (int g = 0; g < Workgroups; g++)
        {
            float[] expected = input.Skip(g * size).Take(size).Order().ToArray();
            Assert.Equal(expected, output.Skip(g * size).Take(size).ToArray());
        }
    }

    private static IEnumerable<WorkgroupBarrier> TreeReduce(ThreadContext thread, ReduceArgs args)
    {
        int t = thread.ThreadIndex;
        int n = thread.ThreadCount;
        thread.Shared<long>(0, n)[t] = args.Input[thread.GlobalIndex];
        yield return thread.Barrier("loaded");

        for (int stride = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n) / 2; stride > 0; stride /= 2)
        {
            Span<long> partial = thread.Shared<long>(0, n);
            if (t < stride && t + stride < n)
                partial[t] += partial[t + stride];
            yield return thread.Barrier("fold");
        }

        if (t == 0)
            args.Sums[thread.WorkgroupIndex] = thread.Shared<long>(0, 1)[0];
    }

    private static IEnumerable<WorkgroupBarrier> InclusiveScan(ThreadContext thread, ScanArgs args)
    {
        int t = thread.ThreadIndex;
        int n = thread.ThreadCount;
        int source = 0;
        thread.Shared<long>(0, n)[t] = args.Input[thread.GlobalIndex];
        yield return thread.Barrier("loaded");

        for (int offset = 1; offset < n; offset *= 2)
        {
            Span<long> from = thread.Shared<long>(source * n * sizeof(long), n);
            Span<long> to = thread.Shared<long>((1 - source) * n * sizeof(long), n);
            to[t] = t >= offset ? from[t] + from[t - offset] : from[t];
            source = 1 - source;
            yield return thread.Barrier("step");
        }

        args.Output[thread.GlobalIndex] = thread.Shared<long>(source * n * sizeof(long), n)[t];
    }

    /// <summary>Sorts the next power of two of slots, padded with +inf; each thread takes every n-th slot.</summary>
    private static IEnumerable<WorkgroupBarrier> BitonicSort(ThreadContext thread, SortArgs args)
    {
        int t = thread.ThreadIndex;
        int n = thread.ThreadCount;
        int padded = args.Padded;
        int first = thread.WorkgroupIndex * n;
        Span<float> keys = thread.Shared<float>(0, padded);
        for (int i = t; i < padded; i += n)
            keys[i] = i < n ? args.Input[first + i] : float.PositiveInfinity;
        yield return thread.Barrier("loaded");

        for (int k = 2; k <= padded; k *= 2)
        {
            for (int j = k / 2; j > 0; j /= 2)
            {
                keys = thread.Shared<float>(0, padded);
                for (int i = t; i < padded; i += n)
                {
                    int partner = i ^ j;
                    if (partner > i && (keys[i] > keys[partner]) == ((i & k) == 0))
                        (keys[i], keys[partner]) = (keys[partner], keys[i]);
                }

                yield return thread.Barrier("merge-step");
            }
        }

        args.Output[first + t] = thread.Shared<float>(0, padded)[t];
    }

    private static long[] RandomLongs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextInt64(-1_000_000_000_000, 1_000_000_000_000)).ToArray();
    }

    private sealed record ReduceArgs(long[] Input, long[] Sums);

    private sealed record ScanArgs(long[] Input, long[] Output);

    private sealed record SortArgs(float[] Input, float[] Output, int Padded);
}
