namespace RingKernel.Kernels.Persistent;

/// <summary>
/// Judges a ring kernel's health from what the kernel itself writes: its status and heartbeat in
/// the control block, and whether messages wait in its input ring. The watchdog only reads; time
/// comes from a <see cref="TimeProvider"/> so tests control it.
/// </summary>
/// <remarks>
/// Idle is not stalled: an active kernel with an empty ring may sit with the same heartbeat for ever.
/// A stall is messages pending while the heartbeat stands still for <see cref="StallTimeout"/>,
/// measured from the last check that saw the heartbeat move or the ring empty.
/// </remarks>
public sealed class KernelWatchdog
{
    private readonly IRingKernel _kernel;
    private readonly TimeProvider _time;
    private ulong _lastHeartbeat;
    private long _lastProgress;
    private long _lastBeat;

    public KernelWatchdog(IRingKernel kernel, TimeSpan stallTimeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stallTimeout, TimeSpan.Zero);
        _kernel = kernel;
        _time = time;
        StallTimeout = stallTimeout;
        _lastHeartbeat = Volatile.Read(ref kernel.ControlBlock.Heartbeat);
        _lastProgress = time.GetTimestamp();
        _lastBeat = _lastProgress;
    }

    public TimeSpan StallTimeout { get; }

    /// <summary>
    /// Time since the heartbeat last moved, as of the last <see cref="Check"/> (since this watchdog was
    /// made when no check has seen it move). Safe to read from any thread.
    /// </summary>
    public TimeSpan HeartbeatAge => _time.GetElapsedTime(Volatile.Read(ref _lastBeat));

    public KernelHealth Check()
    {
        RingKernelState state = _kernel.State;
        long now = _time.GetTimestamp();
        if (state == RingKernelState.Faulted)
            return KernelHealth.Faulted;

        ulong heartbeat = Volatile.Read(ref _kernel.ControlBlock.Heartbeat);
        bool pending = _kernel.Input.Ring.Count > 0;
        if (heartbeat != _lastHeartbeat)
            Volatile.Write(ref _lastBeat, now);
        if (state != RingKernelState.Active || heartbeat != _lastHeartbeat || !pending)
        {
            _lastHeartbeat = heartbeat;
            _lastProgress = now;
            return state == RingKernelState.Active && !pending ? KernelHealth.Idle : KernelHealth.Healthy;
        }

        return _time.GetElapsedTime(_lastProgress, now) >= StallTimeout ? KernelHealth.Stalled : KernelHealth.Healthy;
    }
}
