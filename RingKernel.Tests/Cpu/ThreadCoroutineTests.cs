using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>
/// Per-thread bodies written as <c>async ThreadCoroutine</c> methods: the same results and
/// diagnostics as iterator bodies, with state boxes the thread slots reuse, so a dispatch
/// allocates nothing once warm.
/// </summary>
public class ThreadCoroutineTests
{
    [Theory]
    [MemberData(nameof(WorkgroupSizes.All), MemberType = typeof(WorkgroupSizes))]
    public void A_coroutine_body_with_barriers_in_a_loop_sees_every_phase_of_its_neighbours(int threads)
    {
        const int Phases = 25;
        const int Workgroups = 6;
        var kernel = PhaseKernel(Workgroups, threads);
        var sums = new long[Workgroups * threads];

        new CpuBackend(workerCount: 2).Dispatch(kernel, new PhaseArgs(Phases, sums));

        // After phase p every slot holds p, so each thread read 1 + 2 + … + Phases from its neighbour.
        Assert.All(sums, sum => Assert.Equal(Phases * (Phases + 1) / 2, sum));
    }

    [Fact]
    public void A_coroutine_body_gives_the_same_results_as_the_iterator_body_it_replaces()
    {
        const int Threads = 100;
        var size = new LaunchOptions(new Dim3(3, 2), new Dim3(10, 10)) { SharedMemoryBytes = Threads * sizeof(int) };
        var coroutine = new KernelDefinition<int[]>("reverse-coroutine", size).WithCpuCoroutine(ReverseCoroutine);
        var iterator = new KernelDefinition<int[]>("reverse-iterator", size).WithCpuThread(ReverseIterator);
        int[] fromCoroutine = new int[6 * Threads], fromIterator = new int[6 * Threads];
        var backend = new CpuBackend(workerCount: 2);

        backend.Dispatch(coroutine, fromCoroutine);
        backend.Dispatch(iterator, fromIterator);

        Assert.Equal(fromIterator, fromCoroutine);
        // Thread 0 of workgroup (0, 0) reads the slot of local thread (9, 9), whose global index in the 30 x 20 grid is 9 + (30 * 9).
        Assert.Equal(279, fromCoroutine[0]);
    }

    /// <summary>
    /// With one worker the whole dispatch runs on the calling thread, so its allocations can be
    /// counted exactly: after the first dispatch has given every thread slot its box, none.
    /// </summary>
    [Fact]
    public void A_warm_dispatch_of_a_coroutine_body_allocates_nothing_for_any_number_of_workgroups_or_barriers()
    {
        const int Threads = 256;
        var backend = new CpuBackend(workerCount: 1);
        var oneGroup = PhaseKernel(workgroups: 1, Threads);
        var manyGroups = PhaseKernel(workgroups: 64, Threads);
        var sums = new long[64 * Threads];
        long Dispatch(KernelDefinition<PhaseArgs> kernel, int phases)
        {
            backend.Dispatch(kernel, new PhaseArgs(phases, sums)); // warm: JIT, pooled scheduler and its boxes
            return Allocated(() => backend.Dispatch(kernel, new PhaseArgs(phases, sums)));
        }

        long onePhase = Dispatch(oneGroup, 1);
        long manyPhases = Dispatch(oneGroup, 500);
        long manyWorkgroups = Dispatch(manyGroups, 3);

        Assert.Equal(0, onePhase);
        Assert.Equal(0, manyPhases);
        Assert.Equal(0, manyWorkgroups);
        Assert.All(sums, sum => Assert.Equal(6, sum)); // the last dispatch really ran: 1 + 2 + 3
    }

    [Fact]
    public void Kernels_that_alternate_on_one_backend_keep_their_boxes_and_allocate_nothing_when_warm()
    {
        const int Threads = 64;
        var backend = new CpuBackend(workerCount: 1);
        var phases = PhaseKernel(workgroups: 4, Threads);
        var reverse = new KernelDefinition<int[]>("reverse", new LaunchOptions(4, Threads) { SharedMemoryBytes = Threads * sizeof(int) })
            .WithCpuCoroutine(ReverseCoroutine);
        var sums = new long[4 * Threads];
        int[] reversed = new int[4 * Threads];
        backend.Dispatch(phases, new PhaseArgs(1, sums));
        backend.Dispatch(reverse, reversed);

        long allocated = Allocated(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                backend.Dispatch(phases, new PhaseArgs(4, sums));
                backend.Dispatch(reverse, reversed);
            }
        });

        Assert.Equal(0, allocated);
        Assert.All(sums, sum => Assert.Equal(10, sum));
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(g => Enumerable.Range(0, Threads).Select(t => (g * Threads) + Threads - 1 - t)), reversed);
    }

    [Fact]
    public void Threads_returning_at_the_first_barrier_while_others_wait_are_diagnosed_with_the_barrier_name()
    {
        var kernel = new KernelDefinition<int[]>("early-exit", new LaunchOptions(3, 64))
            .WithCpuCoroutine((thread, cleanedUp) => EarlyExit(thread, cleanedUp, exitFrom: 40, lonely: -1));

        var error = Assert.Throws<KernelBarrierDivergenceException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, new int[1]));

        Assert.Equal("early-exit", error.KernelName);
        Assert.Equal("loaded", error.BarrierName);
        Assert.Equal(new Index3(0, 0, 0), error.WorkgroupId);
        Assert.Equal(0, error.BarriersPassed);
        Assert.Equal(Enumerable.Range(40, 24), error.FinishedThreads);
        Assert.Equal(Enumerable.Range(0, 40), error.WaitingThreads);
        Assert.Contains("threads 40-63 (24 of 64) finished while threads 0-39 (40 of 64) wait at barrier 'loaded'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thread_waiting_alone_at_a_later_barrier_is_diagnosed_and_every_waiting_thread_runs_its_finally_block()
    {
        int[] cleanedUp = new int[1];

        // Thread 5 waits at "after-load" while the others finish after "loaded".
        var kernel = new KernelDefinition<int[]>("late-exit", new LaunchOptions(2, 7))
            .WithCpuCoroutine((thread, count) => EarlyExit(thread, count, exitFrom: int.MaxValue, lonely: 5));

        var error = Assert.Throws<KernelBarrierDivergenceException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, cleanedUp));

        Assert.Equal("after-load", error.BarrierName);
        Assert.Equal(1, error.BarriersPassed);
        Assert.Equal([5], error.WaitingThreads);
        Assert.Equal([0, 1, 2, 3, 4, 6], error.FinishedThreads);
        Assert.Equal(7, cleanedUp[0]); // six finished, the waiting one was unwound
    }

    [Fact]
    public void A_fault_names_the_thread_and_barriers_and_the_backend_runs_the_next_dispatch_correctly()
    {
        var backend = new CpuBackend(workerCount: 1);
        var faulty = new KernelDefinition<int>("faulty", new LaunchOptions(new Dim3(4, 2), new Dim3(8, 2)))
            .WithCpuCoroutine((thread, _) => ThrowAt(thread, new Index3(1, 1, 0), new Index3(5, 1, 0)));
        var phases = PhaseKernel(workgroups: 3, threads: 16);
        var sums = new long[3 * 16];

        var error = Assert.Throws<KernelExecutionException>(() => backend.Dispatch(faulty, 0));
        backend.Dispatch(phases, new PhaseArgs(5, sums));

        Assert.Equal(new Index3(1, 1, 0), error.WorkgroupId);
        Assert.Equal(new Index3(5, 1, 0), error.ThreadId);
        Assert.Equal(2, error.BarriersPassed);
        Assert.Equal("bad cell", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        Assert.Contains(nameof(ThrowAt), error.InnerException!.StackTrace, StringComparison.Ordinal);
        Assert.All(sums, sum => Assert.Equal(15, sum));
    }

    [Fact]
    public void A_body_that_throws_before_its_first_barrier_is_named_and_the_threads_already_waiting_are_unwound()
    {
        int[] cleanedUp = new int[1];
        var kernel = new KernelDefinition<int[]>("eager", new LaunchOptions(2, 16))
            .WithCpuCoroutine((thread, count) => thread.ThreadIndex == 9 ? throw new ArgumentException("no coroutine for you") : EarlyExit(thread, count, exitFrom: 16, lonely: -1));

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, cleanedUp));

        Assert.Equal(new Index3(9, 0, 0), error.ThreadId);
        Assert.Equal(0, error.BarriersPassed);
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Equal(9, cleanedUp[0]); // threads 0-8 were waiting at "loaded"
    }

    [Fact]
    public void Awaiting_anything_but_a_barrier_fails_the_workgroup_with_the_reason()
    {
        var kernel = new KernelDefinition<int>("yields", new LaunchOptions(1, 4))
            .WithCpuCoroutine(AwaitsAYield);

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, 0));

        var inner = Assert.IsType<NotSupportedException>(error.InnerException);
        Assert.Contains("may await only thread.Barrier()", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helper_coroutine_that_waits_while_the_body_runs_is_rejected()
    {
        var kernel = new KernelDefinition<int>("nested", new LaunchOptions(1, 4))
            .WithCpuCoroutine(StartsAHelper);

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, 0));

        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("second coroutine", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_barrier_awaited_outside_a_kernel_coroutine_faults_its_task()
    {
        ThreadContext? seen = null;
        var kernel = new KernelDefinition<int>("capture", new LaunchOptions(1, 1))
            .WithCpuThread((thread, _) => Capture(thread, t => seen = t));
        new CpuBackend(workerCount: 1).Dispatch(kernel, 0);
        Assert.NotNull(seen);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await seen.Barrier());

        Assert.Contains("only in a ThreadCoroutine body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_coroutine_body_called_directly_fails_at_its_first_barrier()
    {
        ThreadContext? seen = null;
        var kernel = new KernelDefinition<int>("capture", new LaunchOptions(1, 1))
            .WithCpuThread((thread, _) => Capture(thread, t => seen = t));
        new CpuBackend(workerCount: 1).Dispatch(kernel, 0);

        var error = Assert.Throws<InvalidOperationException>(() => WaitsAtABarrier(seen!));

        Assert.Contains("without being a thread body started by a kernel backend", error.Message, StringComparison.Ordinal);
    }

    private static KernelDefinition<PhaseArgs> PhaseKernel(int workgroups, int threads) =>
        new KernelDefinition<PhaseArgs>("phases", new LaunchOptions(workgroups, threads) { SharedMemoryBytes = threads * sizeof(int) }).WithCpuCoroutine(Phases);

    /// <summary>Each phase: add 1 to my slot, barrier, read my neighbour's slot, barrier.</summary>
    private static async ThreadCoroutine Phases(ThreadContext thread, PhaseArgs args)
    {
        int t = thread.ThreadIndex;
        int neighbour = (t + 1) % thread.ThreadCount;
        long sum = 0;
        for (int phase = 0; phase < args.Phases; phase++)
        {
            thread.Shared<int>(0, thread.ThreadCount)[t] += 1;
            await thread.Barrier("added");
            sum += thread.Shared<int>(0, thread.ThreadCount)[neighbour];
            await thread.Barrier("read");
        }

        args.Sums[thread.GlobalIndex] = sum;
    }

    /// <summary>Each thread writes the global index of its mirror thread in the workgroup, through shared memory.</summary>
    private static async ThreadCoroutine ReverseCoroutine(ThreadContext thread, int[] output)
    {
        thread.Shared<int>(0, thread.ThreadCount)[thread.ThreadIndex] = thread.GlobalIndex;
        await thread.Barrier();
        output[thread.GlobalIndex] = thread.Shared<int>(0, thread.ThreadCount)[thread.ThreadCount - 1 - thread.ThreadIndex];
    }

    private static IEnumerable<WorkgroupBarrier> ReverseIterator(ThreadContext thread, int[] output)
    {
        thread.Shared<int>(0, thread.ThreadCount)[thread.ThreadIndex] = thread.GlobalIndex;
        yield return thread.Barrier();
        output[thread.GlobalIndex] = thread.Shared<int>(0, thread.ThreadCount)[thread.ThreadCount - 1 - thread.ThreadIndex];
    }

    /// <summary>
    /// Threads from <paramref name="exitFrom"/> up return before the barrier "loaded", the way a
    /// bounds check can skip the rest of a GPU kernel; of the others only thread
    /// <paramref name="lonely"/> goes on to "after-load". Every thread counts its finally block.
    /// </summary>
    private static async ThreadCoroutine EarlyExit(ThreadContext thread, int[] cleanedUp, int exitFrom, int lonely)
    {
        try
        {
            if (thread.ThreadIndex >= exitFrom)
                return;
            await thread.Barrier("loaded");
            if (thread.ThreadIndex != lonely)
                return;
            await thread.Barrier("after-load");
        }
        finally
        {
            KernelAtomics.Add(ref cleanedUp[0], 1);
        }
    }

    private static async ThreadCoroutine ThrowAt(ThreadContext thread, Index3 workgroup, Index3 threadId)
    {
        await thread.Barrier("one");
        await thread.Barrier("two");
        if (thread.WorkgroupId == workgroup && thread.ThreadId == threadId)
            throw new InvalidOperationException("bad cell");
        await thread.Barrier("three");
    }

    private static async ThreadCoroutine AwaitsAYield(ThreadContext thread, int unused)
    {
        await thread.Barrier();
        await Task.Yield();
    }

    private static async ThreadCoroutine StartsAHelper(ThreadContext thread, int unused)
    {
        _ = WaitsAtABarrier(thread);
        await thread.Barrier("body");
    }

    private static async ThreadCoroutine WaitsAtABarrier(ThreadContext thread) => await thread.Barrier("helper");

    private static IEnumerable<WorkgroupBarrier> Capture(ThreadContext thread, Action<ThreadContext> capture)
    {
        capture(thread);
        yield break;
    }

    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private readonly record struct PhaseArgs(int Phases, long[] Sums);
}
