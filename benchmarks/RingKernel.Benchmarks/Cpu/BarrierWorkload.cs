using System.Diagnostics;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Benchmarks.Cpu;

/// <summary>
/// The barrier benchmark's work, done two ways: 256 GPU threads of one workgroup as coroutines on
/// the <see cref="CpuBackend"/>, and 256 OS threads with <see cref="System.Threading.Barrier"/>.
/// Each phase, thread t adds 1 to slot t of a shared array, waits, reads slot t+1, waits again:
/// two barriers a phase. Both check their results, so neither can skip the work.
/// </summary>
public static class BarrierWorkload
{
    public const int Threads = 256;

    private static readonly KernelDefinition<BarrierArgs> Kernel = new KernelDefinition<BarrierArgs>("barrier-phases", new LaunchOptions(grid: 1, workgroup: Threads)
    {
        SharedMemoryBytes = Threads * sizeof(int),
    })
        .WithCpuThread(PhaseBody);

    /// <summary>Runs <paramref name="phases"/> phases as coroutines; returns the elapsed time.</summary>
    public static TimeSpan RunCoroutines(CpuBackend backend, int phases)
    {
        var args = new BarrierArgs(phases, new long[Threads]);
        long start = Stopwatch.GetTimestamp();
        backend.Dispatch(Kernel, args);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        Check(args.Sums, phases);
        return elapsed;
    }

    /// <summary>Runs <paramref name="phases"/> phases on OS threads; returns the time from their release to the last one's end.</summary>
    public static TimeSpan RunOsThreads(int phases)
    {
        int[] shared = new int[Threads];
        long[] sums = new long[Threads];
        using var barrier = new Barrier(Threads);
        using var go = new ManualResetEventSlim();
        var threads = new Thread[Threads];
        for (int i = 0; i < Threads; i++)
        {
            int t = i;
            threads[t] = new Thread(() =>
            {
                go.Wait();
                int neighbour = t + 1 == Threads ? 0 : t + 1;
                long sum = 0;
                for (int phase = 0; phase < phases; phase++)
                {
                    shared[t] += 1;
                    barrier.SignalAndWait();
                    sum += Volatile.Read(ref shared[neighbour]);
                    barrier.SignalAndWait();
                }

                sums[t] = sum;
            }, maxStackSize: 256 * 1024);
            threads[t].Start();
        }

        long start = Stopwatch.GetTimestamp();
        go.Set();
        foreach (Thread thread in threads)
            thread.Join();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        Check(sums, phases);
        return elapsed;
    }

    private static IEnumerable<WorkgroupBarrier> PhaseBody(ThreadContext thread, BarrierArgs args)
    {
        int t = thread.ThreadIndex;
        int count = thread.ThreadCount;
        int neighbour = t + 1 == count ? 0 : t + 1;
        long sum = 0;
        for (int phase = 0; phase < args.Phases; phase++)
        {
            thread.Shared<int>(0, count)[t] += 1;
            yield return thread.Barrier();
            sum += thread.Shared<int>(0, count)[neighbour];
            yield return thread.Barrier();
        }

        args.Sums[t] = sum;
    }

    /// <summary>After phase p every slot holds p, so each thread read 1 + 2 + … + phases.</summary>
    private static void Check(long[] sums, int phases)
    {
        long expected = (long)phases * (phases + 1) / 2;
        for (int t = 0; t < sums.Length; t++)
        {
            if (sums[t] != expected)
                throw new InvalidOperationException($"Thread {t} summed {sums[t]}, expected {expected}: the barriers did not hold.");
        }
    }

    private readonly record struct BarrierArgs(int Phases, long[] Sums);
}
