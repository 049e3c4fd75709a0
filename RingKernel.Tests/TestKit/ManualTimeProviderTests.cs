using RingKernel.TestKit;
using Xunit;

namespace RingKernel.Tests.TestKit;

public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_moves_only_when_advanced()
    {
        var time = new ManualTimeProvider(Start);
        long t0 = time.GetTimestamp();
        Assert.Equal(Start, time.GetUtcNow());
        time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(Start.AddMilliseconds(1500), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(t0));
        time.SetUtcNow(Start.AddHours(1));
        Assert.Equal(Start.AddHours(1), time.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start));
    }

    [Fact]
    public void A_timer_fires_once_at_its_due_time_with_the_clock_at_that_time()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using ITimer timer = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([Start.AddSeconds(2)], fired);
        Assert.Equal(Start.AddSeconds(6), time.GetUtcNow());
        Assert.Equal(0, time.ArmedTimerCount);
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_elapsed_period()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using ITimer timer = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(4), Start.AddSeconds(7), Start.AddSeconds(10)], fired);
    }

    [Fact]
    public void Timers_fire_in_due_order_and_ties_in_arming_order()
    {
        var time = new ManualTimeProvider(Start);
        var order = new List<string>();
        using ITimer late = time.CreateTimer(_ => order.Add("late"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using ITimer first = time.CreateTimer(_ => order.Add("first"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using ITimer second = time.CreateTimer(_ => order.Add("second"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["first", "second", "late"], order);
    }

    [Fact]
    public void Change_rearms_and_Dispose_disarms()
    {
        var time = new ManualTimeProvider(Start);
        int count = 0;
        ITimer timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        Assert.True(timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, count);
        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        timer.Dispose();
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, count);
        Assert.Equal(0, time.ArmedTimerCount);
    }

    [Fact]
    public void A_zero_due_time_fires_on_the_next_advance_even_by_zero()
    {
        var time = new ManualTimeProvider(Start);
        int count = 0;
        using ITimer timer = time.CreateTimer(_ => count++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        Assert.Equal(0, count);
        time.Advance(TimeSpan.Zero);
        Assert.Equal(1, count);
    }

    [Fact]
    public void A_callback_may_arm_timers_that_fall_due_within_the_same_advance()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        ITimer? chained = null;
        using ITimer timer = time.CreateTimer(
            _ => chained = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan),
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([Start.AddSeconds(2)], fired);
        chained?.Dispose();
    }

    [Fact]
    public async Task Task_Delay_on_the_manual_clock_completes_when_advanced()
    {
        var time = new ManualTimeProvider(Start);
        Task delay = Task.Delay(TimeSpan.FromSeconds(30), time);
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
