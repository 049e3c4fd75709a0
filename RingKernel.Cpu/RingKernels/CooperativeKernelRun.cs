namespace RingKernel.Cpu.RingKernels;

/// <summary>
/// One kernel's place on the <see cref="CooperativeKernelWorkers"/>: waiting, queued, running, or
/// running and woken meanwhile (or being checked for missed input, and woken meanwhile). A wake-up
/// moves a waiting kernel to the run queue once, however many arrive; one that arrives while the
/// kernel runs or is checked makes it run again afterwards, so none is lost.
/// </summary>
internal sealed class CooperativeKernelRun
{
    private const int Waiting = 0;
    private const int Queued = 1;
    private const int Running = 2;
    private const int RunningWoken = 3;
    private const int Ended = 4;
    private const int Checking = 5;
    private const int CheckingWoken = 6;

    private readonly CooperativeKernelWorkers _workers;
    private readonly Func<SliceOutcome> _slice;
    private readonly Func<bool> _inputMissed;
    private int _state = Ended;

    /// <param name="workers">The workers that run it.</param>
    /// <param name="home">The worker whose queue it joins (<see cref="CooperativeKernelWorkers.HomeOf"/>).</param>
    /// <param name="slice">Runs the kernel until it must wait or has ended (it is then never run again).</param>
    /// <param name="inputMissed">After the barrier that completes a <see cref="SliceOutcome.WaitingForInput"/> arming: whether input arrived that the arming may have missed.</param>
    public CooperativeKernelRun(CooperativeKernelWorkers workers, int home, Func<SliceOutcome> slice, Func<bool> inputMissed)
    {
        _workers = workers;
        Home = home;
        _slice = slice;
        _inputMissed = inputMissed;
    }

    /// <summary>The worker whose run queue it joins when woken.</summary>
    public int Home { get; }

    /// <summary>Puts the kernel on the workers and runs it a first time.</summary>
    public void Start()
    {
        _workers.Attach();
        Volatile.Write(ref _state, Waiting);
        Wake();
    }

    /// <summary>Runs the kernel soon: queues it if it waits, or runs it again after its current slice; nothing once it has ended. Any thread.</summary>
    public void Wake()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            int next = state switch
            {
                Waiting => Queued,
                Running => RunningWoken,
                Checking => CheckingWoken,
                _ => state,
            };
            if (next == state)
                return;
            if (Interlocked.CompareExchange(ref _state, next, state) == state)
            {
                if (next == Queued)
                    _workers.Enqueue(this);
                return;
            }
        }
    }

    /// <summary>
    /// Worker side: runs one slice of the queued kernel; true when it now waits armed on its input
    /// ring, which the worker must complete with a process-wide barrier and <see cref="WakeIfInputMissed"/>.
    /// </summary>
    public bool RunSlice()
    {
        // A full fence, not a release: the slice's first look at the kernel's inboxes must not be
        // ordered before it, or a wake-up that saw Queued meanwhile (and so did nothing) could come
        // with input that this slice does not see.
        Interlocked.Exchange(ref _state, Running);
        SliceOutcome outcome = _slice();
        if (outcome == SliceOutcome.Ended)
        {
            Volatile.Write(ref _state, Ended);
            _workers.Detach();
            return false;
        }

        // Woken while it ran: behind the kernels already queued, so a busy one cannot starve them.
        if (Interlocked.CompareExchange(ref _state, Waiting, Running) != Running)
        {
            Volatile.Write(ref _state, Queued);
            _workers.Enqueue(this);
        }

        return outcome == SliceOutcome.WaitingForInput;
    }

    /// <summary>
    /// Worker side, after the process-wide barrier that follows an arming: queues the kernel if a
    /// message reached its input ring unseen. Only a waiting kernel is looked at, and it cannot run
    /// meanwhile: one queued or running since looks at its input itself (a new arming brings a new
    /// check), and an ended one's rings may already be freed.
    /// </summary>
    public void WakeIfInputMissed()
    {
        if (Interlocked.CompareExchange(ref _state, Checking, Waiting) != Waiting)
            return;
        if (_inputMissed() || Interlocked.CompareExchange(ref _state, Waiting, Checking) != Checking)
        {
            Volatile.Write(ref _state, Queued);
            _workers.Enqueue(this);
        }
    }
}
