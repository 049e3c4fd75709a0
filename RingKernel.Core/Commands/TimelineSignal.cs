using RingKernel.Memory;

namespace RingKernel.Commands;

/// <summary>
/// A 64-bit counter that only rises, which queues and the host wait on for a value: the timeline
/// semaphore of Vulkan, the shared event of Metal, the 64-bit stream memory value of CUDA. The value
/// lives in its own 128-byte block of pinned host memory (<see cref="Memory"/>), so a device can
/// write it and a GPU backend can hand its address to the device.
/// </summary>
/// <remarks>
/// A signal that will never reach a value can be <see cref="Fail"/>ed: every wait for a value not yet
/// reached then throws a <see cref="TimelineSignalFaultedException"/> instead of hanging. Waits for
/// values already reached keep succeeding. Host waiters are woken by <see cref="Signal"/>; when a
/// device writes the value itself, its backend calls <see cref="ObserveMemory"/>.
/// </remarks>
public sealed class TimelineSignal : IDisposable
{
    private readonly DeviceBuffer _memory;
    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];
    private Exception? _fault;

    /// <summary>A signal at <paramref name="initialValue"/>.</summary>
    public TimelineSignal(string name, ulong initialValue = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _memory = HostMemorySpace.Instance.Allocate(DeviceBuffer.DefaultAlignment);
        Volatile.Write(ref Cell, initialValue);
    }

    /// <summary>Names the signal in errors.</summary>
    public string Name { get; }

    /// <summary>The current value, read with acquire semantics.</summary>
    public ulong Value => Volatile.Read(ref Cell);

    /// <summary>The memory whose first 8 bytes hold the value (little-endian <c>uint64</c>).</summary>
    public DeviceBuffer Memory => _memory;

    /// <summary>Why the signal was failed; null while it is healthy.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    private ref ulong Cell => ref _memory.AsRef<ulong>(0);

    /// <summary>True when the value has reached <paramref name="value"/>.</summary>
    public bool IsReached(ulong value) => Value >= value;

    /// <summary>
    /// Raises the value to <paramref name="value"/>, which must be greater than the current one (as
    /// Vulkan requires of a timeline semaphore), and wakes the waits it satisfies.
    /// </summary>
    public void Signal(ulong value)
    {
        lock (_gate)
        {
            ulong current = Cell;
            if (value <= current)
                throw new InvalidOperationException($"Timeline signal '{Name}' is at {current}; a signal must raise it, so {value} is not allowed.");
            Volatile.Write(ref Cell, value);
            ReleaseReached(value);
        }
    }

    /// <summary>Wakes the waits that a value written straight into <see cref="Memory"/> (by a device) satisfies.</summary>
    public void ObserveMemory()
    {
        lock (_gate)
            ReleaseReached(Cell);
    }

    /// <summary>
    /// Fails every present and future wait for a value above the current one with
    /// <paramref name="reason"/>; the first reason given is kept.
    /// </summary>
    public void Fail(Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_gate)
        {
            if (_fault is not null)
                return;
            Volatile.Write(ref _fault, reason);
            ulong reached = Cell;
            foreach (Waiter waiter in _waiters)
            {
                waiter.Cancellation.Unregister();
                waiter.Completion.TrySetException(new TimelineSignalFaultedException(Name, waiter.Value, reached, reason));
            }

            _waiters.Clear();
        }
    }

    /// <summary>Blocks until the value reaches <paramref name="value"/>.</summary>
    /// <exception cref="TimelineSignalFaultedException">The signal failed before reaching the value.</exception>
    public void Wait(ulong value, CancellationToken cancellationToken = default) =>
        WaitAsync(value, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Blocks until the value reaches <paramref name="value"/> or <paramref name="timeout"/> passes; false on timeout.</summary>
    public bool Wait(ulong value, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (Value >= value)
            return true;
        // A timeout cancels the wait, so a signal that never comes leaves no waiter behind.
        using var timeoutOrCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutOrCancel.CancelAfter(timeout);
        try
        {
            WaitAsync(value, timeoutOrCancel.Token).GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Completes when the value reaches <paramref name="value"/>; at once, without allocating, when it has.</summary>
    public Task WaitAsync(ulong value, CancellationToken cancellationToken = default)
    {
        if (Value >= value)
            return Task.CompletedTask;
        lock (_gate)
        {
            ulong reached = Cell;
            if (reached >= value)
                return Task.CompletedTask;
            if (_fault is { } fault)
                return Task.FromException(new TimelineSignalFaultedException(Name, value, reached, fault));
            if (cancellationToken.IsCancellationRequested)
                return Task.FromCanceled(cancellationToken);
            var waiter = new Waiter(value, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            if (cancellationToken.CanBeCanceled)
                waiter.Cancellation = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
            return waiter.Completion.Task;
        }
    }

    /// <summary>Fails waits still pending with <see cref="ObjectDisposedException"/> and frees the memory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_memory.IsDisposed)
                return;
            Fail(new ObjectDisposedException(nameof(TimelineSignal), $"Timeline signal '{Name}' was disposed."));
            _memory.Dispose();
        }
    }

    public override string ToString() => $"signal '{Name}'";

    private void ReleaseReached(ulong reached)
    {
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            Waiter waiter = _waiters[i];
            if (waiter.Value > reached)
                continue;
            _waiters.RemoveAt(i);
            // Unregister, not Dispose: Dispose would wait for a cancel callback blocked on this lock.
            waiter.Cancellation.Unregister();
            waiter.Completion.TrySetResult();
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
            _waiters.Remove(waiter);
        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter(ulong value, TaskCompletionSource completion)
    {
        public ulong Value { get; } = value;

        public TaskCompletionSource Completion { get; } = completion;

        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
