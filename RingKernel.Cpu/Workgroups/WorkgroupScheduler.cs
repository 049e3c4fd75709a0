using RingKernel.Kernels;

namespace RingKernel.Cpu.Workgroups;

/// <summary>
/// Runs one workgroup at a time on the calling OS thread, each GPU thread a coroutine stepped
/// round-robin from barrier to barrier. A barrier completes when every thread has reached it; a
/// thread that finishes while others wait is a <see cref="KernelBarrierDivergenceException"/>.
/// </summary>
/// <remarks>
/// The scheduler owns a workgroup's reusable state (shared memory, thread contexts, the coroutine
/// array) and keeps it from workgroup to workgroup and, through <see cref="WorkgroupSchedulerPool"/>,
/// from dispatch to dispatch. What a workgroup allocates is the coroutines themselves, one compiler
/// generated iterator per thread; stepping them allocates nothing.
/// </remarks>
internal sealed class WorkgroupScheduler
{
    private readonly WorkgroupContext _workgroup = new();
    private ThreadContext[] _threads = [];
    private Coroutine[] _coroutines = [];
    private Dim3 _threadIdsFor;
    private int _threadCount;
    private int _stepping;
    private int _barriersPassed;

    /// <summary>Makes the pooled state fit <paramref name="kernel"/>'s workgroups; grows, never shrinks.</summary>
    public void Bind(KernelDefinition kernel)
    {
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
    public void AttachRingKernel(RingKernel.Kernels.Persistent.RingKernelContext? ringKernel) => _workgroup.AttachRingKernel(ringKernel);

    /// <summary>Runs workgroup <paramref name="workgroupIndex"/> of the bound kernel to completion.</summary>
    public void Run<TArgs>(KernelDefinition<TArgs> kernel, TArgs args, int workgroupIndex)
    {
        _workgroup.Enter(workgroupIndex);
        if (kernel.CpuWorkgroupBody is { } workgroupBody)
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

        CpuThreadBody<TArgs> body = kernel.CpuThreadBody!;
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
            Abandon(count);
            throw new KernelExecutionException(kernel.Name, _workgroup.WorkgroupId, threads[t].ThreadId, barriersPassed: 0, ex);
        }

        RunCoroutines();
    }

    /// <summary>Steps the coroutines until all finish; a fault names the thread being stepped.</summary>
    private void RunCoroutines()
    {
        KernelExecutionException? fault;
        try
        {
            fault = RunRounds();
        }
        catch (Exception ex)
        {
            fault = new KernelExecutionException(_workgroup.Kernel.Name, _workgroup.WorkgroupId, _threads[_stepping].ThreadId, _barriersPassed, ex);
        }

        if (fault is not null)
        {
            Abandon(_threadCount);
            throw fault;
        }

        Array.Clear(_coroutines, 0, _threadCount);
    }

    /// <summary>
    /// The hot loop: round after round, one interface call (MoveNext) per thread, each result
    /// compared with the first thread's, so a uniform round costs nothing more and a mixed one is
    /// diagnosed afterwards. It has no exception handler of its own, so its locals stay in
    /// registers; the thread being stepped is stored (never reloaded) for the handler in the caller.
    /// </summary>
    private KernelBarrierDivergenceException? RunRounds()
    {
        Coroutine[] coroutines = _coroutines;
        int count = _threadCount;
        _barriersPassed = 0;
        while (true)
        {
            _stepping = 0;
            bool waiting = coroutines[0].Steps.MoveNext();
            int t = 1;
            for (; t < count; t++)
            {
                _stepping = t;
                if (coroutines[t].Steps.MoveNext() != waiting)
                    break;
            }

            if (t != count)
                return Diverged(t, waiting);
            if (!waiting)
                return null;
            _barriersPassed++;
        }
    }

    /// <summary>
    /// Threads before <paramref name="odd"/> all returned <paramref name="firstWaiting"/> and thread
    /// <paramref name="odd"/> the opposite; finishes the round so every thread is on one side.
    /// </summary>
    private KernelBarrierDivergenceException Diverged(int odd, bool firstWaiting)
    {
        Coroutine[] coroutines = _coroutines;
        var finished = new List<int>();
        var waiting = new List<int>();
        for (int i = 0; i < odd; i++)
            (firstWaiting ? waiting : finished).Add(i);
        (firstWaiting ? finished : waiting).Add(odd);
        for (_stepping = odd + 1; _stepping < _threadCount; _stepping++)
            (coroutines[_stepping].Steps.MoveNext() ? waiting : finished).Add(_stepping);

        // Reading Current is an interface call, so the names are fetched only here.
        List<string?> names = waiting.Select(i => coroutines[i].Steps.Current.Name).Distinct(StringComparer.Ordinal).ToList();
        return new KernelBarrierDivergenceException(_workgroup.Kernel.Name, _workgroup.WorkgroupId, _barriersPassed, names, finished, waiting);
    }

    /// <summary>Disposes the coroutines of a failed workgroup, so finally blocks in waiting threads run.</summary>
    private void Abandon(int count)
    {
        for (int i = 0; i < count; i++)
        {
            try
            {
                _coroutines[i].Steps?.Dispose();
            }
            catch (Exception)
            {
                // The workgroup's first fault is the one reported; a second, from a finally block, would hide it.
            }

            _coroutines[i] = default;
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
