using RingKernel.Commands;

namespace RingKernel.Tests.Commands;

/// <summary>The 64-bit timeline signal queues and the host wait on.</summary>
public class TimelineSignalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Waits_complete_exactly_when_the_value_reaches_theirs()
    {
        using var signal = new TimelineSignal("t", initialValue: 2);
        Task two = signal.WaitAsync(2);
        Task three = signal.WaitAsync(3);
        Task five = signal.WaitAsync(5);

        Assert.True(two.IsCompletedSuccessfully);
        Assert.False(three.IsCompleted);
        signal.Signal(4);
        await three.WaitAsync(Patience);
        Assert.False(five.IsCompleted);
        signal.Signal(5);
        await five.WaitAsync(Patience);
        Assert.Equal(5UL, signal.Value);
        Assert.Equal(5UL, signal.Memory.AsRef<ulong>(0));
    }

    [Fact]
    public void A_signal_must_raise_the_value()
    {
        using var signal = new TimelineSignal("t", initialValue: 3);

        Assert.Throws<InvalidOperationException>(() => signal.Signal(3));
        Assert.Throws<InvalidOperationException>(() => signal.Signal(1));
        Assert.Equal(3UL, signal.Value);
    }

    [Fact]
    public void A_blocking_wait_is_released_by_another_thread()
    {
        using var signal = new TimelineSignal("t");
        using var started = new ManualResetEventSlim();
        var raiser = new Thread(() =>
        {
            started.Wait();
            signal.Signal(7);
        });
        raiser.Start();
        started.Set();

        Assert.True(signal.Wait(7, Patience));
        raiser.Join();
        Assert.Equal(7UL, signal.Value);
    }

    [Fact]
    public async Task A_failed_signal_fails_waits_above_its_value_and_keeps_those_below()
    {
        using var signal = new TimelineSignal("t", initialValue: 1);
        Task pending = signal.WaitAsync(4);
        var reason = new InvalidOperationException("producer died");

        signal.Fail(reason);

        var pendingError = await Assert.ThrowsAsync<TimelineSignalFaultedException>(() => pending.WaitAsync(Patience));
        Assert.Same(reason, pendingError.InnerException);
        Assert.Equal((4UL, 1UL), (pendingError.AwaitedValue, pendingError.ReachedValue));
        var laterError = Assert.Throws<TimelineSignalFaultedException>(() => signal.Wait(2));
        Assert.Same(reason, laterError.InnerException);
        Assert.Throws<TimelineSignalFaultedException>(() => signal.Wait(2, Patience));
        signal.Wait(1);
        Assert.True(signal.Wait(1, Patience));
    }

    [Fact]
    public async Task A_value_written_into_the_memory_by_a_device_wakes_waiters_once_observed()
    {
        using var signal = new TimelineSignal("t");
        Task wait = signal.WaitAsync(9);

        Volatile.Write(ref signal.Memory.AsRef<ulong>(0), 9UL);
        Assert.True(signal.IsReached(9));
        signal.ObserveMemory();

        await wait.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_timed_out_wait_returns_false_and_later_waits_still_work()
    {
        using var signal = new TimelineSignal("t");

        Assert.False(signal.Wait(1, TimeSpan.FromMilliseconds(1)));

        Task pending = signal.WaitAsync(2);
        signal.Signal(2);
        await pending.WaitAsync(Patience);
        Assert.True(signal.Wait(1, TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task A_cancelled_wait_is_cancelled_and_leaves_the_others()
    {
        using var signal = new TimelineSignal("t");
        using var cancel = new CancellationTokenSource();
        Task cancelled = signal.WaitAsync(1, cancel.Token);
        Task other = signal.WaitAsync(1);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.False(other.IsCompleted);
        signal.Signal(1);
        await other.WaitAsync(Patience);
    }
}
