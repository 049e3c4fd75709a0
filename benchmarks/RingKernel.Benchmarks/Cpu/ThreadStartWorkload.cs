using System.Diagnostics;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Benchmarks.Cpu;

/// <summary>
/// What one GPU thread costs the CPU backend when its body does almost nothing: 1,024 workgroups
/// of 256 threads, each thread writing its global index to shared memory, waiting at one barrier,
/// and storing its neighbour's. The same body as an <c>async ThreadCoroutine</c> and as an iterator,
/// on one worker; both check their output, so neither can skip the work.
/// </summary>
public static class ThreadStartWorkload
{
    private const int Workgroups = 1024;
    private const int Threads = 256;

    private static readonly LaunchOptions Options = new(Workgroups, Threads) { SharedMemoryBytes = Threads * sizeof(int) };

    private static readonly KernelDefinition<int[]> CoroutineKernel = new KernelDefinition<int[]>("one-barrier-coroutine", Options).WithCpuCoroutine(CoroutineBody);

    private static readonly KernelDefinition<int[]> IteratorKernel = new KernelDefinition<int[]>("one-barrier-iterator", Options).WithCpuThread(IteratorBody);

    public const int ThreadCount = Workgroups * Threads;

    /// <summary>Dispatches the coroutine (or iterator) body <paramref name="dispatches"/> times; returns the elapsed time.</summary>
    public static TimeSpan Run(CpuBackend backend, bool coroutine, int dispatches)
    {
        int[] output = new int[ThreadCount];
        KernelDefinition<int[]> kernel = coroutine ? CoroutineKernel : IteratorKernel;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < dispatches; i++)
            backend.Dispatch(kernel, output);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        for (int cell = 0; cell < output.Length; cell++)
        {
            int expected = (cell - (cell % Threads)) + (((cell % Threads) + 1) % Threads);
            if (output[cell] != expected)
                throw new InvalidOperationException($"{kernel.Name}: thread {cell} stored {output[cell]}, not {expected}.");
        }

        return elapsed;
    }

    private static async ThreadCoroutine CoroutineBody(ThreadContext thread, int[] output)
    {
        thread.Shared<int>(0, Threads)[thread.ThreadIndex] = thread.GlobalIndex;
        await thread.Barrier();
        output[thread.GlobalIndex] = thread.Shared<int>(0, Threads)[(thread.ThreadIndex + 1) % Threads];
    }

    private static IEnumerable<WorkgroupBarrier> IteratorBody(ThreadContext thread, int[] output)
    {
        thread.Shared<int>(0, Threads)[thread.ThreadIndex] = thread.GlobalIndex;
        yield return thread.Barrier();
        output[thread.GlobalIndex] = thread.Shared<int>(0, Threads)[(thread.ThreadIndex + 1) % Threads];
    }
}
