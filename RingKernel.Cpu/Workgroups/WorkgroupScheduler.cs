using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.Cpu.Workgroups;

/// <summary>
/// Runs one workgroup at a time on the calling OS thread, each GPU thread a coroutine stepped
/// round-robin from barrier to barrier. A barrier completes when every thread has reached it; a
/// thread that finishes while others wait is a <see cref="KernelBarrierDivergenceException"/>.
/// </summary>
/// <remarks>
/// The scheduler owns a workgroup's reusable state (shared memory, thread contexts, the arrays of
/// coroutines) and keeps it from workgroup to workgroup and, through <see cref="WorkgroupSchedulerPool"/>,
/// from dispatch to dispatch. A <see cref="CpuCoroutineBody{TArgs}"/> runs in boxes the thread
/// contexts keep, so it allocates nothing once they exist; a <see cref="CpuThreadBody{TArgs}"/>
/// allocates its compiler-generated iterator per thread per workgroup. Stepping either allocates nothing.
/// </remarks>
internal sealed class WorkgroupScheduler
{
    private readonly WorkgroupContext _workgroup = new();
    private ThreadContext[] _threads = [];
    private Coroutine[] _coroutines = [];
    private ThreadCoroutineBox?[] _boxes = [];
    private Dim3 _threadIdsFor;
    private int _threadCount;
    private int _stepping;
    private int _barriersPassed;
    private bool _restartBoxes;

    /// <summary>
    /// Makes the pooled state fit <paramref name="kernel"/>'s workgroups; grows, never shrinks.
    /// Every <see cref="Run{TArgs}"/> until the next binding runs this kernel with the same arguments.
    /// </summary>
    public void Bind(KernelDefinition kernel)
    {
        _restartBoxes = false;
        _workgroup.Bind(kernel);
        Dim3 size = kernel.Options.Workgroup;
        int count = kernel.Options.ThreadsPerWorkgroup;
        if (_threads.Length < count)
        {
            int had = _threads.Length;
            Array.Resize(ref _threads, count);
            for (int t = had; t < count; t++)
                _threads[t] = new ThreadContext(_workgroup, t);
            _coroutines = new Coroutine[count];
            _boxes = new ThreadCoroutineBox?[count];
            _threadIdsFor = default;
        }

        if (_threadIdsFor != size)
        {
            for (int t = 0; t < count; t++)
                _threads[t].Bind(size);
            _threadIdsFor = size;
        }

        _threadCount = count;
    }

    /// <summary>Gives the workgroup's threads the ring kernel they run (null for one-shot dispatches).</summary>
    public void AttachRingKernel(RingKernelContext? ringKernel) => _workgroup.AttachRingKernel(ringKernel);

    /// <summary>
    /// Drops what the threads' coroutine boxes still hold of the last workgroup's bodies (their
    /// arguments among it), so a pooled scheduler keeps no user data alive; the boxes stay.
    /// </summary>
    public void ReleaseCoroutineState()
    {
        _restartBoxes = false;
        foreach (ThreadContext thread in _threads)
        {
            for (ThreadCoroutineBox? box = thread.CoroutineBoxes; box is not null; box = box.Next)
                box.Release();
        }
    }

    /// <summary>Runs workgroup <paramref name="workgroupIndex"/> of the bound kernel, whose CPU body is <paramref name="cpu"/>, to completion.</summary>
    public void Run<TArgs>(KernelDefinition<TArgs> kernel, CpuKernelBody<TArgs> cpu, TArgs args, int workgroupIndex)
    {
        _workgroup.Enter(workgroupIndex);
        if (cpu.Workgroup is { } workgroupBody)
        {
            try
            {
                workgroupBody(_workgroup, args);
            }
            catch (Exception ex)
            {
                throw new KernelExecutionException(kernel.Name, _workgroup.WorkgroupId, threadId: null, barriersPassed: 0, ex);
            }

            return;
        }

        if (cpu.Coroutine is { } coroutineBody)
        {
            RunThreadCoroutines(cpu, coroutineBody, args);
            return;
        }

        CpuThreadBody<TArgs> body = cpu.Thread!;
        ThreadContext[] threads = _threads;
        Coroutine[] coroutines = _coroutines;
        int count = _threadCount;
        int t = 0;
        try
        {
            for (; t < count; t++)
                coroutines[t].Steps = body(threads[t], args).GetEnumerator();
        }
        catch (Exception ex)
        {
            Abandon();
            throw new KernelExecutionException(kernel.Name, _workgroup.WorkgroupId, threads[t].ThreadId, barriersPassed: 0, ex);
        }

        RunIterators();
    }

    /// <summary>Steps the iterators until all finish; a fault names the thread being stepped.</summary>
    private void RunIterators()
    {
        KernelExecutionException? fault;
        try
        {
            fault = IteratorRounds();
        }
        catch (Exception ex)
        {
            fault = StepFault(ex);
        }

        if (fault is not null)
        {
            Abandon();
            throw fault;
        }

        Array.Clear(_coroutines, 0, _threadCount);
    }

    /// <summary>
    /// The iterators' hot loop: round after round, one interface call (MoveNext) per thread, each
    /// result compared with the first thread's, so a uniform round costs nothing more and a mixed
    /// one is diagnosed afterwards. It has no exception handler of its own, so its locals stay in
    /// registers; the thread being stepped is stored (never reloaded) for the handler in the caller.
    /// </summary>
    private KernelBarrierDivergenceException? IteratorRounds()
    {
        ReadOnlySpan<Coroutine> coroutines = _coroutines.AsSpan(0, _threadCount);
        _barriersPassed = 0;
        while (true)
        {
            _stepping = 0;
            bool waiting = coroutines[0].Steps.MoveNext();
            int t = 1;
            for (; t < coroutines.Length; t++)
            {
                _stepping = t;
                if (coroutines[t].Steps.MoveNext() != waiting)
                    break;
            }

            if (t != coroutines.Length)
                return Diverged(t, waiting, i => _coroutines[i].Steps.MoveNext(), i => _coroutines[i].Steps.Current.Name);
            if (!waiting)
                return null;
            _barriersPassed++;
        }
    }

    /// <summary>
    /// Starts the coroutine bodies and resumes them until all finish; a fault names the thread being
    /// stepped. After a workgroup whose bodies all waited and finished, every thread's box holds its
    /// finished body, started with this binding's arguments: when the kernel's body is that async
    /// method itself, the next workgroup restarts those in place instead of calling the body and
    /// copying a new state machine into each box.
    /// </summary>
    private void RunThreadCoroutines<TArgs>(CpuKernelBody<TArgs> cpu, CpuCoroutineBody<TArgs> body, TArgs args)
    {
        KernelExecutionException? fault;
        bool waiting = false;
        try
        {
            _barriersPassed = 0;
            _workgroup.IsStartingCoroutines = true;
            fault = _restartBoxes ? RestartCoroutines(out waiting) : StartCoroutines(body, args, out waiting);
            _workgroup.IsStartingCoroutines = false;
            if (fault is null && waiting)
                fault = CoroutineRounds();
        }
        catch (Exception ex)
        {
            _workgroup.IsStartingCoroutines = false;
            fault = StepFault(ex);
        }

        if (fault is not null)
        {
            _restartBoxes = false;
            Abandon();
            throw fault;
        }

        // Within a binding the body and its boxes' type stay the same: checked once, then kept.
        _restartBoxes = waiting && (_restartBoxes || _boxes[0]!.HoldsBodiesOf(cpu.CoroutineStateMachine));
    }

    /// <summary>
    /// The first round of a coroutine body: each thread's call runs it to its first barrier (or
    /// its end), and its first wait moves it into its thread slot's box. A waiting thread's box is
    /// usually the one its slot had for the previous workgroup, so it is compared before it is stored.
    /// </summary>
    private KernelBarrierDivergenceException? StartCoroutines<TArgs>(CpuCoroutineBody<TArgs> body, TArgs args, out bool waiting)
    {
        ReadOnlySpan<ThreadContext> threads = _threads.AsSpan(0, _threadCount);
        Span<ThreadCoroutineBox?> boxes = _boxes.AsSpan(0, _threadCount);
        _stepping = 0;
        ThreadCoroutineBox? first = body(threads[0], args).Waiting;
        waiting = first is not null;
        if (waiting && !ReferenceEquals(boxes[0], first))
            boxes[0] = first;
        for (int t = 1; t < threads.Length; t++)
        {
            _stepping = t;
            ThreadCoroutineBox? box = body(threads[t], args).Waiting;
            if ((box is not null) != waiting)
            {
                boxes[t] = box;
                return StartDiverged(body, args, t, waiting);
            }

            if (waiting && !ReferenceEquals(boxes[t], box))
                boxes[t] = box;
        }

        return null;
    }

    /// <summary>The first round of a workgroup after one that finished: each thread's box restarts its finished body.</summary>
    private KernelBarrierDivergenceException? RestartCoroutines(out bool waiting)
    {
        ReadOnlySpan<ThreadCoroutineBox?> boxes = _boxes.AsSpan(0, _threadCount);
        _stepping = 0;
        waiting = boxes[0]!.Restart();
        int t = 1;
        for (; t < boxes.Length; t++)
        {
            _stepping = t;
            if (boxes[t]!.Restart() != waiting)
                break;
        }

        return t == boxes.Length ? null : Diverged(t, waiting, i => _boxes[i]!.Restart(), i => _threads[i].CoroutineBarrierName);
    }

    /// <summary>A divergence in the first round: the remaining threads are started for the report.</summary>
    /// <remarks>Its own method, so the closure over the body and arguments is allocated only here.</remarks>
    private KernelBarrierDivergenceException StartDiverged<TArgs>(CpuCoroutineBody<TArgs> body, TArgs args, int odd, bool firstWaiting)
    {
        return Diverged(odd, firstWaiting, Start, i => _threads[i].CoroutineBarrierName);

        bool Start(int thread)
        {
            ThreadCoroutineBox? box = body(_threads[thread], args).Waiting;
            _boxes[thread] = box;
            return box is not null;
        }
    }

    /// <summary>The coroutines' hot loop, as <see cref="IteratorRounds"/>: one virtual call per thread per barrier.</summary>
    private KernelBarrierDivergenceException? CoroutineRounds()
    {
        ReadOnlySpan<ThreadCoroutineBox?> boxes = _boxes.AsSpan(0, _threadCount);
        while (true)
        {
            _barriersPassed++;
            _stepping = 0;
            bool waiting = boxes[0]!.Resume();
            int t = 1;
            for (; t < boxes.Length; t++)
            {
                _stepping = t;
                if (boxes[t]!.Resume() != waiting)
                    break;
            }

            if (t != boxes.Length)
                return Diverged(t, waiting, i => _boxes[i]!.Resume(), i => _threads[i].CoroutineBarrierName);
            if (!waiting)
                return null;
        }
    }

    private KernelExecutionException StepFault(Exception ex) =>
        new(_workgroup.Kernel.Name, _workgroup.WorkgroupId, _threads[_stepping].ThreadId, _barriersPassed, ex);

    /// <summary>
    /// Threads before <paramref name="odd"/> all returned <paramref name="firstWaiting"/> and thread
    /// <paramref name="odd"/> the opposite; finishes the round with <paramref name="step"/> so every
    /// thread is on one side, and names the barriers the waiting threads wait at.
    /// </summary>
    private KernelBarrierDivergenceException Diverged(int odd, bool firstWaiting, Func<int, bool> step, Func<int, string?> barrierName)
    {
        var finished = new List<int>();
        var waiting = new List<int>();
        for (int i = 0; i < odd; i++)
            (firstWaiting ? waiting : finished).Add(i);
        (firstWaiting ? finished : waiting).Add(odd);
        for (_stepping = odd + 1; _stepping < _threadCount; _stepping++)
            (step(_stepping) ? waiting : finished).Add(_stepping);

        List<string?> names = waiting.Select(barrierName).Distinct(StringComparer.Ordinal).ToList();
        return new KernelBarrierDivergenceException(_workgroup.Kernel.Name, _workgroup.WorkgroupId, _barriersPassed, names, finished, waiting);
    }

    /// <summary>
    /// Ends the coroutines of a failed workgroup so that finally blocks in waiting threads run:
    /// iterators are disposed; coroutine bodies are resumed once with their barrier throwing, then
    /// their boxes are released.
    /// </summary>
    private void Abandon()
    {
        for (int i = 0; i < _threadCount; i++)
        {
            Unwind(() => _coroutines[i].Steps?.Dispose());
            _coroutines[i] = default;

            ThreadContext thread = _threads[i];
            thread.IsAbandoned = true;
            for (ThreadCoroutineBox? box = thread.CoroutineBoxes; box is not null; box = box.Next)
            {
                if (box.InUse)
                    Unwind(() => box.Resume());
                box.Release();
            }

            thread.IsAbandoned = false;
        }
    }

    private static void Unwind(Action end)
    {
        try
        {
            end();
        }
        catch (Exception)
        {
            // The workgroup's first fault is the one reported; a second, from a finally block, would hide it.
        }
    }

    /// <summary>
    /// One thread's iterator, wrapped in a struct so that storing it into the array is a plain
    /// write: an array of an interface type would make every store a covariance type check.
    /// </summary>
    private struct Coroutine
    {
        public IEnumerator<WorkgroupBarrier> Steps;
    }
}
