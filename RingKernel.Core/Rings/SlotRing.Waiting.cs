using System.Runtime.CompilerServices;

namespace RingKernel.Rings;

// The waiting side of SlotRing: backpressure for producers and the consumer's wait for data.
public abstract partial class SlotRing
{
    /// <summary>Completes when a slot is probably free (re-try the claim; another producer may win it).</summary>
    internal ValueTask WaitForFreeSlotAsync(CancellationToken cancellationToken) =>
        HasFreeSlot() ? default : WaitAsync(forFreeSlot: true, cancellationToken);

    /// <summary>Called by producers right after publishing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void WakeConsumerIfParked()
    {
        // A plain acquire read: the parking side pays for the full fence (see WaitAsync).
        if (_readableSlot.HasWaiters)
            _readableSlot.Pulse();
    }

    /// <summary>Called by the consumer right after releasing slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void WakeProducersIfParked()
    {
        if (_freeSlot.HasWaiters)
            _freeSlot.Pulse();
    }

    private async ValueTask EnqueueWhenFreeAsync(ReadOnlyMemory<byte> item, CancellationToken cancellationToken)
    {
        do
        {
            await WaitForFreeSlotAsync(cancellationToken).ConfigureAwait(false);
        }
        while (!TryEnqueue(item.Span));
    }

    /// <summary>
    /// Waits for a free slot (producers) or a readable slot (the consumer): spins, then yields, then
    /// parks. Parking avoids lost wake-ups by ordering: take the wake task, announce the waiter (in the
    /// host signal, which the other side checks, and in the ring header's waiting flag, which records it
    /// for a device or a diagnostic reader), flush every core's store buffer (so the other side's last
    /// cursor store is visible here, and its next check for waiters sees ours), re-check, and only then
    /// wait. The other side's hot path thus needs no fence: it stores its cursor, then checks for waiters.
    /// </summary>
    private async ValueTask WaitAsync(bool forFreeSlot, CancellationToken cancellationToken)
    {
        if (forFreeSlot)
            Interlocked.Increment(ref _backpressureWaits);
        var spinner = new SpinWait();
        for (int i = 0; i < WaitSpinIterations; i++)
        {
            if (IsReady(forFreeSlot))
                return;
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        RingWakeSignal signal = forFreeSlot ? _freeSlot : _readableSlot;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task wake = signal.WaitTask();
            signal.AddWaiter();
            AnnounceWaiter(forFreeSlot, parked: true);
            try
            {
                Interlocked.MemoryBarrierProcessWide();
                if (IsReady(forFreeSlot))
                    return;
                await wake.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                AnnounceWaiter(forFreeSlot, parked: false);
                signal.RemoveWaiter();
            }

            if (IsReady(forFreeSlot))
                return;
        }
    }

    /// <summary>
    /// Consumer on a shared worker: arranges for <paramref name="wake"/> to run on the producer's
    /// thread when a slot becomes readable (true), or returns false, arranging nothing, when one is
    /// readable now. Every true must be followed by <see cref="DisarmReadable"/> before the next arming.
    /// </summary>
    /// <remarks>
    /// The arming holds only from the caller's next <see cref="Interlocked.MemoryBarrierProcessWide"/>
    /// on: a producer that publishes before it may miss the waiter (its hot path has no fence), so
    /// after that barrier the caller looks at <see cref="Count"/> once more and wakes the consumer
    /// itself if a message is there. It is the store-load handshake <see cref="WaitAsync"/> does at
    /// once, left to the caller so that a worker arming many kernels pays for one barrier (about
    /// 11 µs here, and an interrupt of every other core running the process) instead of one each.
    /// </remarks>
    public bool TryArmReadable(Action wake)
    {
        if (HasReadableSlot())
            return false;
        _readableSlot.SetInlineWaiter(wake);
        _readableSlot.AddWaiter();
        AnnounceWaiter(forFreeSlot: false, parked: true);
        if (!HasReadableSlot())
            return true;
        DisarmReadable(wake);
        return false;
    }

    /// <summary>Ends an arming by <see cref="TryArmReadable"/>, whether or not its wake-up ran.</summary>
    public void DisarmReadable(Action wake)
    {
        _readableSlot.ClearInlineWaiter(wake);
        AnnounceWaiter(forFreeSlot: false, parked: false);
        _readableSlot.RemoveWaiter();
    }

    private bool IsReady(bool forFreeSlot) => forFreeSlot ? HasFreeSlot() : HasReadableSlot();

    /// <summary>Counts parked waiters in the header's flag for their side (non-zero while any is parked).</summary>
    private unsafe void AnnounceWaiter(bool forFreeSlot, bool parked)
    {
        ref uint flag = ref forFreeSlot ? ref _header->ProducerWaiting : ref _header->ConsumerWaiting;
        if (parked)
            Interlocked.Increment(ref flag);
        else
            Interlocked.Decrement(ref flag);
    }
}
