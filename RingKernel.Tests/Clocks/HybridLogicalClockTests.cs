using RingKernel.Clocks;

namespace RingKernel.Tests.Clocks;

public class HybridLogicalClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Now_follows_the_wall_clock_with_a_zero_logical_part()
    {
        var time = new SettableTimeProvider(Start);
        var clock = new HybridLogicalClock(nodeId: 7, time);

        HlcTimestamp t = clock.Now();

        Assert.Equal((ulong)(Start - HlcTimestamp.Epoch).Ticks / 10, t.PhysicalMicros);
        Assert.Equal(Start, t.PhysicalTime);
        Assert.Equal(0, t.Logical);
        Assert.Equal(7u, t.NodeId);
    }

    [Fact]
    public void Readings_within_one_microsecond_count_up_the_logical_part()
    {
        var clock = new HybridLogicalClock(1, new SettableTimeProvider(Start));

        HlcTimestamp first = clock.Now();
        HlcTimestamp second = clock.Now();
        HlcTimestamp third = clock.Now();

        Assert.Equal(first.PhysicalMicros, third.PhysicalMicros);
        Assert.Equal([0, 1, 2], new[] { first.Logical, second.Logical, third.Logical }.Select(l => (int)l));
    }

    [Fact]
    public void A_wall_clock_stepping_backwards_keeps_readings_increasing()
    {
        var time = new SettableTimeProvider(Start);
        var clock = new HybridLogicalClock(1, time);
        HlcTimestamp before = clock.Now();

        time.Now = Start - TimeSpan.FromSeconds(10);
        HlcTimestamp during = clock.Now();
        time.Now = Start + TimeSpan.FromMicroseconds(5);
        HlcTimestamp after = clock.Now();

        Assert.True(during > before);
        Assert.Equal(before.PhysicalMicros, during.PhysicalMicros);
        Assert.Equal(before.Logical + 1, during.Logical);
        Assert.Equal(before.PhysicalMicros + 5, after.PhysicalMicros);
        Assert.Equal(0, after.Logical);
    }

    [Fact]
    public void Update_moves_past_a_remote_timestamp_from_the_future()
    {
        var clock = new HybridLogicalClock(1, new SettableTimeProvider(Start));
        var remote = HlcTimestamp.FromParts(clock.Now().PhysicalMicros + 1_000_000, logical: 41, nodeId: 2);

        HlcTimestamp merged = clock.Update(remote);
        HlcTimestamp next = clock.Now();

        Assert.Equal(remote.PhysicalMicros, merged.PhysicalMicros);
        Assert.Equal(42, merged.Logical);
        Assert.True(next > merged);
    }

    [Fact]
    public void Update_with_an_old_remote_timestamp_still_ticks()
    {
        var clock = new HybridLogicalClock(1, new SettableTimeProvider(Start));
        HlcTimestamp local = clock.Now();

        HlcTimestamp merged = clock.Update(HlcTimestamp.FromParts(1, 0, 2));

        Assert.True(merged > local);
    }

    [Fact]
    public void Logical_overflow_carries_into_the_physical_part_and_stays_ordered()
    {
        var clock = new HybridLogicalClock(1, new SettableTimeProvider(Start));
        var edge = HlcTimestamp.FromParts(clock.Now().PhysicalMicros, ushort.MaxValue, 2);

        HlcTimestamp merged = clock.Update(edge);

        Assert.True(merged > edge);
        Assert.Equal(edge.PhysicalMicros + 1, merged.PhysicalMicros);
        Assert.Equal(0, merged.Logical);
    }

    [Fact]
    public void Threads_sharing_one_clock_never_see_the_same_timestamp_and_each_sees_increasing_ones()
    {
        // A frozen wall clock forces every reading through the logical path, where a non-atomic
        // read-modify-write would hand two threads the same value.
        var clock = new HybridLogicalClock(3, new SettableTimeProvider(Start));
        const int threads = 4;
        const int perThread = 50_000;
        var readings = new ulong[threads][];

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var mine = new ulong[perThread];
            for (int i = 0; i < perThread; i++)
                mine[i] = i % 3 == 0 ? clock.Update(HlcTimestamp.FromParts(1, 0, 9)).Packed : clock.Now().Packed;
            readings[t] = mine;
        });

        foreach (ulong[] mine in readings)
        {
            for (int i = 1; i < mine.Length; i++)
                Assert.True(mine[i] > mine[i - 1], $"reading {i} went from {mine[i - 1]} to {mine[i]}");
        }

        Assert.Equal(threads * perThread, readings.SelectMany(r => r).Distinct().Count());
    }

    [Fact]
    public void A_wall_clock_outside_the_48_bit_range_is_a_clear_error()
    {
        var clock = new HybridLogicalClock(1, new SettableTimeProvider(HlcTimestamp.Epoch.AddYears(9)));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => clock.Now());
        Assert.Contains("2033", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_order_by_time_then_node()
    {
        var a = HlcTimestamp.FromParts(100, 1, nodeId: 9);
        var b = HlcTimestamp.FromParts(100, 2, nodeId: 1);
        var c = HlcTimestamp.FromParts(100, 2, nodeId: 2);

        Assert.True(a < b);
        Assert.True(b < c);
        Assert.Throws<ArgumentOutOfRangeException>(() => HlcTimestamp.FromParts(HlcTimestamp.MaxPhysical + 1, 0, 0));
    }

    private sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
