using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RingKernel.Commands;

/// <summary>
/// Where the device will raise a <see cref="TimelineSignal"/>: for each value a Signal command of a
/// device queue has submitted and not yet seen complete, the queue's device timeline (a timeline
/// semaphore or shared event: <typeparamref name="THandle"/>) and that timeline's value at the end
/// of the batch. Another queue on the same device that must wait for the signal then waits on the
/// timeline on the device instead of on the host.
/// </summary>
public sealed class DeviceSignalRegistry<THandle>
{
    private readonly ConditionalWeakTable<TimelineSignal, List<Pending>> _pending = [];

    /// <summary>The batch that raises <paramref name="signal"/> to <paramref name="value"/> has been submitted.</summary>
    public void Submitted(TimelineSignal signal, ulong value, THandle semaphore, ulong semaphoreValue)
    {
        List<Pending> pending = _pending.GetOrCreateValue(signal);
        lock (pending)
            pending.Add(new Pending(value, semaphore, semaphoreValue));
    }

    /// <summary>The batch has completed and the signal was raised on the host: waiters need no semaphore any more.</summary>
    public void Completed(TimelineSignal signal, ulong value, THandle semaphore)
    {
        if (!_pending.TryGetValue(signal, out List<Pending>? pending))
            return;
        lock (pending)
            pending.RemoveAll(p => p.Value == value && EqualityComparer<THandle>.Default.Equals(p.Semaphore, semaphore));
    }

    /// <summary>A submitted batch that raises <paramref name="signal"/> to at least <paramref name="value"/>: the earliest such.</summary>
    public bool TryFind(TimelineSignal signal, ulong value, [MaybeNullWhen(false)] out THandle semaphore, out ulong semaphoreValue)
    {
        (semaphore, semaphoreValue) = (default, 0);
        if (!_pending.TryGetValue(signal, out List<Pending>? pending))
            return false;
        lock (pending)
        {
            Pending? best = null;
            foreach (Pending candidate in pending)
            {
                if (candidate.Value >= value && (best is null || candidate.Value < best.Value.Value))
                    best = candidate;
            }

            if (best is not { } found)
                return false;
            (semaphore, semaphoreValue) = (found.Semaphore, found.SemaphoreValue);
            return true;
        }
    }

    private readonly record struct Pending(ulong Value, THandle Semaphore, ulong SemaphoreValue);
}
