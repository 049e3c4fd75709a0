namespace RingKernel.Rings;

/// <summary>
/// A host-side wake-up for parked ring waiters: every task handed out before a <see cref="Pulse"/>
/// completes at that pulse. Waiters take the task <em>before</em> announcing themselves in the ring
/// header and re-checking the ring, so a pulse between the check and the wait is never lost.
/// </summary>
internal sealed class RingWakeSignal
{
    private TaskCompletionSource? _waiters;

    /// <summary>A task that completes at the next <see cref="Pulse"/>.</summary>
    public Task WaitTask()
    {
        TaskCompletionSource? current = Volatile.Read(ref _waiters);
        if (current is not null)
            return current.Task;

        // Continuations run on the pool, never inline on the thread that pulses (the other side's hot loop).
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref _waiters, fresh, null) ?? fresh).Task;
    }

    /// <summary>Wakes every waiter that took its task before this call.</summary>
    public void Pulse() => Interlocked.Exchange(ref _waiters, null)?.TrySetResult();
}
