using RingKernel.Cpu.RingKernels;
using RingKernel.Kernels.Persistent;

namespace RingKernel.Tests.Cpu.RingKernels;

/// <summary>
/// The cooperative workers complete kernels' input armings with one process-wide barrier per batch
/// (<see cref="PendingArmings"/>): a kernel whose input arrived in the window between its arming and
/// that barrier, unseen by the producer, is woken by its worker; one whose input did not stays parked.
/// Scripted kernels stand in for ring kernels, so the window is hit every time. Kernels join their
/// home worker's queue, and a worker with nothing of its own takes from the others'.
/// </summary>
public class CooperativeWorkerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A kernel whose slices end as its script says, counting slices and input checks.</summary>
    private sealed class ScriptedKernel
    {
        private readonly SliceOutcome[] _outcomes;
        private readonly bool _inputMissed;
        private int _slices;
        private int _checks;

        public ScriptedKernel(CooperativeKernelWorkers workers, bool inputMissed, params SliceOutcome[] outcomes)
            : this(workers, home: 0, inputMissed, outcomes)
        {
        }

        public ScriptedKernel(CooperativeKernelWorkers workers, int home, bool inputMissed, params SliceOutcome[] outcomes)
        {
            _outcomes = outcomes;
            _inputMissed = inputMissed;
            Run = new CooperativeKernelRun(workers, home, Slice, Check);
        }

        /// <summary>Runs before each slice, on the worker.</summary>
        public Action? BeforeSlice { get; init; }

        public CooperativeKernelRun Run { get; }

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Slices => Volatile.Read(ref _slices);

        public int Checks => Volatile.Read(ref _checks);

        private SliceOutcome Slice()
        {
            int slice = Interlocked.Increment(ref _slices) - 1;
            BeforeSlice?.Invoke();
            SliceOutcome outcome = _outcomes[slice];
            if (outcome == SliceOutcome.Ended)
                Ended.SetResult();
            return outcome;
        }

        private bool Check()
        {
            Interlocked.Increment(ref _checks);
            return _inputMissed;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_kernel_whose_input_arrived_unseen_while_it_armed_is_run_again_after_the_barrier(int workerCount)
    {
        var workers = new CooperativeKernelWorkers(workerCount);
        var kernel = new ScriptedKernel(workers, inputMissed: true, SliceOutcome.WaitingForInput, SliceOutcome.Ended);

        kernel.Run.Start();

        // Nobody wakes it: only the worker's check after its barrier can find the input.
        await kernel.Ended.Task.WaitAsync(Patience);
        Assert.Equal(2, kernel.Slices);
        Assert.Equal(1, kernel.Checks);
    }

    [Fact]
    public async Task A_kernel_armed_with_no_input_stays_parked_until_woken()
    {
        var workers = new CooperativeKernelWorkers(1);
        var kernel = new ScriptedKernel(workers, inputMissed: false, SliceOutcome.WaitingForInput, SliceOutcome.Ended);

        kernel.Run.Start();
        await WaitUntilAsync(() => kernel.Checks == 1);
        await Task.Delay(50);
        Assert.Equal(1, kernel.Slices);

        kernel.Run.Wake();
        await kernel.Ended.Task.WaitAsync(Patience);
        Assert.Equal(2, kernel.Slices);
        Assert.Equal(1, kernel.Checks);
    }

    [Fact]
    public async Task A_kernel_that_waits_for_a_resume_is_not_checked_for_input()
    {
        var workers = new CooperativeKernelWorkers(1);
        var kernel = new ScriptedKernel(workers, inputMissed: true, SliceOutcome.Waiting, SliceOutcome.Ended);

        kernel.Run.Start();
        await WaitUntilAsync(() => kernel.Slices == 1);
        await Task.Delay(50);
        Assert.Equal(1, kernel.Slices);
        Assert.Equal(0, kernel.Checks);

        kernel.Run.Wake();
        await kernel.Ended.Task.WaitAsync(Patience);
        Assert.Equal(2, kernel.Slices);
    }

    [Fact]
    public async Task A_kernel_woken_before_its_worker_s_barrier_is_not_checked_and_an_ended_one_never()
    {
        // One worker: A arms, B wakes A, A runs again and ends, and only then does the worker idle
        // and complete its armings. A ran again on its own, and its rings may be freed by then.
        var workers = new CooperativeKernelWorkers(1);
        using var bQueued = new ManualResetEventSlim();
        var a = new ScriptedKernel(workers, inputMissed: true, SliceOutcome.WaitingForInput, SliceOutcome.Ended) { BeforeSlice = () => bQueued.Wait(Patience) };
        var b = new ScriptedKernel(workers, inputMissed: true, SliceOutcome.Ended) { BeforeSlice = () => a.Run.Wake() };

        a.Run.Start();
        b.Run.Start();
        bQueued.Set();

        await Task.WhenAll(a.Ended.Task, b.Ended.Task).WaitAsync(Patience);
        await Task.Delay(50);
        Assert.Equal((2, 0), (a.Slices, a.Checks));
    }

    [Fact]
    public async Task One_barrier_completes_every_arming_a_worker_made_since_its_last()
    {
        // 64 kernels arm on one worker back to back; half had input arrive unseen: exactly those run again.
        var workers = new CooperativeKernelWorkers(1);
        ScriptedKernel[] kernels = [.. Enumerable.Range(0, 64).Select(i => new ScriptedKernel(workers, inputMissed: i % 2 == 0, SliceOutcome.WaitingForInput, SliceOutcome.Ended))];

        foreach (ScriptedKernel kernel in kernels)
            kernel.Run.Start();

        await Task.WhenAll(kernels.Where((_, i) => i % 2 == 0).Select(k => k.Ended.Task)).WaitAsync(Patience);
        await WaitUntilAsync(() => kernels.All(k => k.Checks == 1));
        Assert.All(kernels.Where((_, i) => i % 2 == 0), k => Assert.Equal(2, k.Slices));
        Assert.All(kernels.Where((_, i) => i % 2 == 1), k => Assert.Equal(1, k.Slices));

        foreach (ScriptedKernel kernel in kernels.Where((_, i) => i % 2 == 1))
            kernel.Run.Wake();
        await Task.WhenAll(kernels.Select(k => k.Ended.Task)).WaitAsync(Patience);
    }

    [Fact]
    public void A_placement_gives_each_worker_one_contiguous_run_of_the_numbering()
    {
        var workers = new CooperativeKernelWorkers(2);
        int[] homes = [.. Enumerable.Range(0, 256).Select(i => workers.HomeOf(new RingKernelPlacement(i, 256)))];

        Assert.Equal(Enumerable.Repeat(0, 128).Concat(Enumerable.Repeat(1, 128)), homes);
        Assert.Equal([0, 0, 1, 1, 2, 2], Enumerable.Range(0, 6).Select(i => new RingKernelPlacement(i, 6).PartOf(3)));
        int[] unplaced = [.. Enumerable.Range(0, 4).Select(_ => workers.HomeOf(null))];
        Assert.Equal([unplaced[0], 1 - unplaced[0], unplaced[0], 1 - unplaced[0]], unplaced);
    }

    [Theory]
    [InlineData(-1, 4)]
    [InlineData(4, 4)]
    [InlineData(0, 0)]
    public void A_placement_outside_its_numbering_is_refused(int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RingKernelPlacement(index, count));

    [Fact]
    public async Task Kernels_of_a_worker_held_by_a_long_slice_are_run_by_the_other()
    {
        // Every kernel's home is worker 1; the first holds whichever worker runs it until the rest
        // have ended, so they can only end if the other worker takes them from worker 1's queue.
        var workers = new CooperativeKernelWorkers(2);
        ScriptedKernel[] rest = [.. Enumerable.Range(0, 8).Select(_ => new ScriptedKernel(workers, home: 1, inputMissed: false, SliceOutcome.Ended))];
        Task restEnded = Task.WhenAll(rest.Select(k => k.Ended.Task));
        var holder = new ScriptedKernel(workers, home: 1, inputMissed: false, SliceOutcome.Ended)
        {
            BeforeSlice = () => restEnded.Wait(Patience),
        };

        holder.Run.Start();
        await WaitUntilAsync(() => holder.Slices == 1);
        foreach (ScriptedKernel kernel in rest)
            kernel.Run.Start();

        await restEnded.WaitAsync(Patience);
        await holder.Ended.Task.WaitAsync(Patience);
        Assert.All(rest, k => Assert.Equal(1, k.Slices));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(1);
        }
    }
}
