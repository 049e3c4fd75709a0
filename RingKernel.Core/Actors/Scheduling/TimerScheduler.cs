using System.Collections.Concurrent;

namespace RingKernel.Actors.Scheduling;

/// <summary>
/// <see cref="IScheduler"/> on <see cref="TimeProvider"/> timers: one timer per scheduled item, kept in a
/// registry so that termination can cancel whatever is still pending.
/// </summary>
internal sealed class TimerScheduler : IScheduler
{
    private readonly ConcurrentDictionary<ScheduledItem, byte> _pending = new();
    private readonly Action<Exception> _onError;
    private volatile bool _closed;

    public TimerScheduler(TimeProvider timeProvider, Action<Exception> onError)
    {
        TimeProvider = timeProvider;
        _onError = onError;
    }

    public TimeProvider TimeProvider { get; }

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ValidateInterval(interval);
        return Schedule(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(delay, Timeout.InfiniteTimeSpan, action);
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ValidateInterval(interval);
        return Schedule(initialDelay, interval, action);
    }

    /// <summary>Cancels everything pending and refuses new work (the system has terminated).</summary>
    public void Close()
    {
        _closed = true;
        foreach (ScheduledItem item in _pending.Keys)
            item.Cancel();
    }

    private static void ValidateInterval(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
    }

    private ScheduledItem Schedule(TimeSpan delay, TimeSpan period, Action action)
    {
        if (delay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        var item = new ScheduledItem(this, action, repeating: period != Timeout.InfiniteTimeSpan);
        if (_closed)
        {
            item.Cancel();
            return item;
        }

        _pending[item] = 0;
        item.Start(TimeProvider, delay, period);
        if (_closed)
            item.Cancel();
        return item;
    }

    private sealed class ScheduledItem(TimerScheduler owner, Action action, bool repeating) : ICancelable
    {
        private ITimer? _timer;
        private int _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Start(TimeProvider time, TimeSpan delay, TimeSpan period)
        {
            ITimer timer = time.CreateTimer(static state => ((ScheduledItem)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _timer, timer);
            if (IsCancellationRequested)
                timer.Dispose();
            else
                timer.Change(delay, period);
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) != 0)
                return;
            Volatile.Read(ref _timer)?.Dispose();
            owner._pending.TryRemove(this, out _);
        }

        private void Fire()
        {
            if (IsCancellationRequested)
                return;
            if (!repeating)
                Cancel();
            try
            {
                action();
            }
            catch (Exception e)
            {
                owner._onError(e);
            }
        }
    }
}
