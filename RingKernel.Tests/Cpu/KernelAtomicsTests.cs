using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>Atomics on shared memory (threads of a workgroup) and on global memory (workgroups on several cores).</summary>
public class KernelAtomicsTests
{
    private static readonly CpuBackend Backend = new(workerCount: 2);

    [Theory]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(256)]
    public void A_histogram_built_in_shared_memory_and_merged_globally_counts_every_value_once(int size)
    {
        const int Bins = 10;
        var random = new Random(size);
        int[] values = Enumerable.Range(0, size * 40).Select(_ => random.Next(Bins)).ToArray();
        uint[] histogram = new uint[Bins];
        var kernel = new KernelDefinition<HistogramArgs>("histogram", new LaunchOptions(40, size) { SharedMemoryBytes = Bins * sizeof(int) })
            .WithCpuThread(Histogram);

        Backend.Dispatch(kernel, new HistogramArgs(values, histogram));

        uint[] expected = new uint[Bins];
        foreach (int value in values)
            expected[value]++;
        Assert.Equal(expected, histogram);
    }

    [Fact]
    public void Min_max_long_and_float_adds_agree_with_sequential_results()
    {
        var random = new Random(5);
        int[] values = Enumerable.Range(0, 64 * 50).Select(_ => random.Next(-1_000_000, 1_000_000)).ToArray();
        var results = new Extremes { Min = int.MaxValue, Max = int.MinValue };
        var kernel = new KernelDefinition<(int[] Values, Extremes Results)>("extremes", new LaunchOptions(50, 64))
            .WithCpuThread((thread, args) => TrackExtremes(thread, args.Values, args.Results));

        Backend.Dispatch(kernel, (values, results));

        Assert.Equal(values.Min(), results.Min);
        Assert.Equal(values.Max(), results.Max);
        Assert.Equal(values.Sum(v => (long)v), results.LongSum);
        Assert.Equal(values.Length, results.FloatCount); // whole numbers below 2^24 add exactly in any order
    }

    [Fact]
    public void Adds_return_the_previous_value_as_on_a_gpu()
    {
        int i = 5;
        uint u = 5;
        long l = 5;
        float f = 5;
        int m = 5;

        Assert.Equal(5, KernelAtomics.Add(ref i, 2));
        Assert.Equal(5u, KernelAtomics.Add(ref u, 2));
        Assert.Equal(5L, KernelAtomics.Add(ref l, 2));
        Assert.Equal(5f, KernelAtomics.Add(ref f, 2));
        Assert.Equal(5, KernelAtomics.Min(ref m, 3));
        Assert.Equal(3, KernelAtomics.Max(ref m, 9));
        Assert.Equal(9, KernelAtomics.Max(ref m, 1));
        Assert.Equal((7, 7u, 7L, 7f, 9), (i, u, l, f, m));
    }

    [Fact]
    public void Compare_exchange_in_shared_memory_elects_exactly_one_thread_per_workgroup()
    {
        int[] leaders = Enumerable.Repeat(-1, 30).ToArray();
        int[] previous = new int[30];
        var kernel = new KernelDefinition<(int[] Leaders, int[] Previous)>("elect", new LaunchOptions(30, 100) { SharedMemoryBytes = 2 * sizeof(int) })
            .WithCpuThread((thread, args) => Elect(thread, args.Leaders, args.Previous));

        Backend.Dispatch(kernel, (leaders, previous));

        // Threads run in index order within a round, so thread 0 wins; every later thread saw it.
        Assert.All(leaders, leader => Assert.Equal(0, leader));
        Assert.All(previous, last => Assert.Equal(99, last));
    }

    private static IEnumerable<WorkgroupBarrier> Histogram(ThreadContext thread, HistogramArgs args)
    {
        int bins = args.Histogram.Length;
        yield return thread.Barrier("zeroed");
        KernelAtomics.Add(ref thread.Shared<int>(0, bins)[args.Values[thread.GlobalIndex]], 1);
        yield return thread.Barrier("counted");
        for (int bin = thread.ThreadIndex; bin < bins; bin += thread.ThreadCount)
            KernelAtomics.Add(ref args.Histogram[bin], (uint)thread.Shared<int>(0, bins)[bin]);
    }

    private static IEnumerable<WorkgroupBarrier> TrackExtremes(ThreadContext thread, int[] values, Extremes results)
    {
        int value = values[thread.GlobalIndex];
        KernelAtomics.Min(ref results.Min, value);
        yield return thread.Barrier();
        KernelAtomics.Max(ref results.Max, value);
        KernelAtomics.Add(ref results.LongSum, value);
        KernelAtomics.Add(ref results.FloatCount, 1f);
    }

    private static IEnumerable<WorkgroupBarrier> Elect(ThreadContext thread, int[] leaders, int[] previous)
    {
        Span<int> shared = thread.Shared<int>(0, 2);
        shared[0] = -1;
        yield return thread.Barrier("reset");
        KernelAtomics.CompareExchange(ref thread.Shared<int>(0, 2)[0], thread.ThreadIndex, -1);
        KernelAtomics.Exchange(ref thread.Shared<int>(0, 2)[1], thread.ThreadIndex);
        yield return thread.Barrier("elected");
        if (thread.ThreadIndex == 0)
        {
            leaders[thread.WorkgroupIndex] = thread.Shared<int>(0, 2)[0];
            previous[thread.WorkgroupIndex] = thread.Shared<int>(0, 2)[1];
        }
    }

    private sealed record HistogramArgs(int[] Values, uint[] Histogram);

    private sealed class Extremes
    {
        public int Min;
        public int Max;
        public long LongSum;
        public float FloatCount;
    }
}
