namespace RingKernel.Kernels.Persistent;

/// <summary>
/// The state of one ring kernel and the moves it may make; every backend's handle keeps one, so
/// all backends reject the same illegal transitions with <see cref="InvalidKernelTransitionException"/>.
/// Thread-safe: the host and the kernel's own thread (reporting a fault) both move it.
/// </summary>
public sealed class RingKernelLifecycle(string kernelName)
{
    private int _state = (int)RingKernelState.Created;

    public RingKernelState State => (RingKernelState)Volatile.Read(ref _state);

    /// <summary>Whether the lifecycle connects <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsLegal(RingKernelState from, RingKernelState to) => (from, to) switch
    {
        (RingKernelState.Created, RingKernelState.Launched) => true,
        (RingKernelState.Launched or RingKernelState.Inactive, RingKernelState.Active) => true,
        (RingKernelState.Active, RingKernelState.Inactive) => true,
        (RingKernelState.Launched or RingKernelState.Active or RingKernelState.Inactive, RingKernelState.Terminating) => true,
        (RingKernelState.Terminating, RingKernelState.Terminated) => true,
        (RingKernelState.Launched or RingKernelState.Active or RingKernelState.Inactive or RingKernelState.Terminating, RingKernelState.Faulted) => true,

        // A faulted kernel's loop has already ended; terminating it only releases it.
        (RingKernelState.Faulted, RingKernelState.Terminated) => true,
        _ => false,
    };

    /// <summary>Moves to <paramref name="to"/> and returns the state it left.</summary>
    /// <exception cref="InvalidKernelTransitionException">The move is not legal from the current state.</exception>
    public RingKernelState MoveTo(RingKernelState to)
    {
        if (!TryMoveTo(to, out RingKernelState from))
            throw new InvalidKernelTransitionException(kernelName, from, to);
        return from;
    }

    /// <summary>Moves to <paramref name="to"/> if that is legal now; <paramref name="from"/> is the state found.</summary>
    public bool TryMoveTo(RingKernelState to, out RingKernelState from)
    {
        while (true)
        {
            int seen = Volatile.Read(ref _state);
            from = (RingKernelState)seen;
            if (!IsLegal(from, to))
                return false;
            if (Interlocked.CompareExchange(ref _state, (int)to, seen) == seen)
                return true;
        }
    }
}
