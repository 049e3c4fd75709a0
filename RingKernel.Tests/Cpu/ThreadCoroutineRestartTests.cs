using System.Runtime.CompilerServices;
using RingKernel.Cpu;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cpu;

/// <summary>
/// After a workgroup whose coroutine bodies all finished, the CPU backend restarts each thread's
/// finished body in its box for the next workgroup of the dispatch instead of calling the body
/// again. One worker, so every workgroup after the first takes that path.
/// </summary>
public class ThreadCoroutineRestartTests
{
    private const int Threads = 32;

    [Fact]
    public void A_restarted_body_starts_from_its_top_with_fresh_locals_and_runs_its_finally_once_per_workgroup()
    {
        const int Workgroups = 12;
        var kernel = new KernelDefinition<RoundArgs>("rounds", new LaunchOptions(Workgroups, Threads) { SharedMemoryBytes = Threads * sizeof(int) })
            .WithCpuCoroutine(Rounds);
        var args = new RoundArgs(new int[Workgroups * Threads], new int[Workgroups * Threads], new int[Workgroups * Threads]);

        new CpuBackend(workerCount: 1).Dispatch(kernel, args);

        // Workgroup g runs g % 3 + 1 rounds of two barriers: each thread counts its rounds from 0
        // and reads its neighbour's count after every round.
        for (int cell = 0; cell < args.Rounds.Length; cell++)
        {
            int rounds = (cell / Threads % 3) + 1;
            Assert.Equal(rounds, args.Rounds[cell]);
            Assert.Equal(rounds * (rounds + 1) / 2, args.NeighbourSums[cell]);
            Assert.Equal(1, args.Finally[cell]);
        }
    }

    [Fact]
    public void A_new_dispatch_starts_its_bodies_with_its_own_arguments()
    {
        var kernel = new KernelDefinition<int[]>("copy-through-shared", new LaunchOptions(4, Threads) { SharedMemoryBytes = Threads * sizeof(int) })
            .WithCpuCoroutine(CopyThroughShared);
        var backend = new CpuBackend(workerCount: 1);
        int[] first = new int[4 * Threads], second = new int[4 * Threads];

        backend.Dispatch(kernel, first);
        Array.Fill(first, -1);
        backend.Dispatch(kernel, second);

        Assert.All(first, value => Assert.Equal(-1, value));
        Assert.Equal(Enumerable.Range(0, 4 * Threads), second);
    }

    [Fact]
    public void A_body_called_through_a_wrapper_that_computes_its_parameters_is_called_for_every_workgroup()
    {
        // The wrapper passes each workgroup its own index: restarting the last workgroup's
        // bodies would write the wrong one.
        var kernel = new KernelDefinition<int[]>("wrapped", new LaunchOptions(5, Threads))
            .WithCpuCoroutine((thread, output) => WriteWorkgroup(thread, output, thread.WorkgroupIndex));
        int[] output = new int[5 * Threads];

        new CpuBackend(workerCount: 1).Dispatch(kernel, output);

        Assert.Equal(Enumerable.Range(0, 5 * Threads).Select(cell => cell / Threads), output);
    }

    [Fact]
    public void A_divergence_in_a_restarted_workgroup_is_diagnosed_and_the_next_dispatch_starts_clean()
    {
        var backend = new CpuBackend(workerCount: 1);
        int[] cleanedUp = new int[1];

        // Only in workgroup 3 does thread 5 wait at a second barrier alone.
        var kernel = new KernelDefinition<int[]>("late-divergence", new LaunchOptions(6, Threads))
            .WithCpuCoroutine((thread, count) => LonelyIn(thread, count, workgroup: 3, lonely: 5));
        var copy = new KernelDefinition<int[]>("copy-through-shared", new LaunchOptions(3, Threads) { SharedMemoryBytes = Threads * sizeof(int) })
            .WithCpuCoroutine(CopyThroughShared);
        int[] copied = new int[3 * Threads];

        var error = Assert.Throws<KernelBarrierDivergenceException>(() => backend.Dispatch(kernel, cleanedUp));
        backend.Dispatch(copy, copied);

        Assert.Equal(new Index3(3, 0, 0), error.WorkgroupId);
        Assert.Equal("second", error.BarrierName);
        Assert.Equal([5], error.WaitingThreads);
        Assert.Equal(4 * Threads, cleanedUp[0]); // workgroups 0-3 each ran every finally block once
        Assert.Equal(Enumerable.Range(0, 3 * Threads), copied);
    }

    [Fact]
    public void A_helper_coroutine_that_waits_in_a_restarted_body_is_rejected_as_in_a_started_one()
    {
        var kernel = new KernelDefinition<int>("late-helper", new LaunchOptions(3, Threads))
            .WithCpuCoroutine(StartsAHelperIn(workgroup: 2));

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, 0));

        Assert.Equal(new Index3(2, 0, 0), error.WorkgroupId);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("second coroutine", inner.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A hand-written state machine that, unlike the compiler's, does nothing once finished: the
    /// restart notices that the body neither waited nor finished instead of waiting for it forever.
    /// </summary>
    [Fact]
    public void A_state_machine_that_does_not_start_over_is_reported_instead_of_waiting_forever()
    {
        var kernel = new KernelDefinition<int>("stops-for-good", new LaunchOptions(2, Threads))
            .WithCpuCoroutine(StopsForGood.Body);

        var error = Assert.Throws<KernelExecutionException>(() => new CpuBackend(workerCount: 1).Dispatch(kernel, 0));

        Assert.Equal(new Index3(1, 0, 0), error.WorkgroupId);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("did not run when restarted", inner.Message, StringComparison.Ordinal);
    }

    private static async ThreadCoroutine Rounds(ThreadContext thread, RoundArgs args)
    {
        int rounds = 0;
        int neighbourSum = 0;
        try
        {
            for (int round = 0; round <= thread.WorkgroupIndex % 3; round++)
            {
                rounds++;
                thread.Shared<int>(0, Threads)[thread.ThreadIndex] = rounds;
                await thread.Barrier("written");
                neighbourSum += thread.Shared<int>(0, Threads)[(thread.ThreadIndex + 1) % Threads];
                await thread.Barrier("read");
            }
        }
        finally
        {
            args.Finally[thread.GlobalIndex]++;
        }

        args.Rounds[thread.GlobalIndex] = rounds;
        args.NeighbourSums[thread.GlobalIndex] = neighbourSum;
    }

    /// <summary>Each thread writes its global index to shared memory; after the barrier its neighbour copies it out.</summary>
    private static async ThreadCoroutine CopyThroughShared(ThreadContext thread, int[] output)
    {
        thread.Shared<int>(0, Threads)[thread.ThreadIndex] = thread.GlobalIndex;
        await thread.Barrier();
        int from = (thread.ThreadIndex + 1) % Threads;
        output[thread.GlobalIndex - thread.ThreadIndex + from] = thread.Shared<int>(0, Threads)[from];
    }

    private static async ThreadCoroutine WriteWorkgroup(ThreadContext thread, int[] output, int workgroup)
    {
        await thread.Barrier();
        output[thread.GlobalIndex] = workgroup;
    }

    private static async ThreadCoroutine LonelyIn(ThreadContext thread, int[] cleanedUp, int workgroup, int lonely)
    {
        try
        {
            await thread.Barrier("first");
            if (thread.WorkgroupIndex == workgroup && thread.ThreadIndex == lonely)
                await thread.Barrier("second");
        }
        finally
        {
            cleanedUp[0]++;
        }
    }

    private static CpuCoroutineBody<int> StartsAHelperIn(int workgroup) => async (thread, unused) =>
    {
        if (thread.WorkgroupIndex == workgroup)
            _ = WaitsAtABarrier(thread);
        await thread.Barrier("body");
    };

    private static async ThreadCoroutine WaitsAtABarrier(ThreadContext thread) => await thread.Barrier("helper");

    private sealed record RoundArgs(int[] Rounds, int[] NeighbourSums, int[] Finally);

    /// <summary>Waits at one barrier, then finishes; started again once finished, it returns at once.</summary>
    private struct StopsForGood : IAsyncStateMachine
    {
        private int _state;
        private ThreadContext _thread;
        private ThreadCoroutineBuilder _builder;
        private WorkgroupBarrierAwaiter _awaiter;

        [AsyncStateMachine(typeof(StopsForGood))]
        public static ThreadCoroutine Body(ThreadContext thread, int unused)
        {
            var machine = new StopsForGood { _state = -1, _thread = thread, _builder = ThreadCoroutineBuilder.Create() };
            machine._builder.Start(ref machine);
            return machine._builder.Task;
        }

        public void MoveNext()
        {
            if (_state == -1)
            {
                _awaiter = _thread.Barrier().GetAwaiter();
                _state = 0;
                _builder.AwaitUnsafeOnCompleted(ref _awaiter, ref this);
                return;
            }

            if (_state == 0)
            {
                _awaiter.GetResult();
                _state = -2;
                _builder.SetResult();
            }
        }

        public readonly void SetStateMachine(IAsyncStateMachine stateMachine)
        {
        }
    }
}
