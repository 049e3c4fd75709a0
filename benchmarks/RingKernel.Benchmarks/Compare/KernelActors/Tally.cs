using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>
/// What a counting consumer has taken: how many messages and the sum of their values, written by the
/// consumer alone and read by the measuring thread. The consumer stamps the moment it reaches the
/// target, so a run ends exactly at its last message without the measuring thread polling for it.
/// </summary>
/// <remarks>The counters sit on a cache line of their own, away from the producers' data.</remarks>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal sealed class Tally : IDisposable
{
    [FieldOffset(0)]
    private readonly ManualResetEventSlim _reached = new();

    [FieldOffset(64)]
    private long _count;

    [FieldOffset(72)]
    private long _sum;

    [FieldOffset(80)]
    private long _target = long.MaxValue;

    [FieldOffset(88)]
    private long _reachedAt;

    public long Count => Volatile.Read(ref _count);

    /// <summary>The sum of every value taken; read it after <see cref="WaitForTarget"/>.</summary>
    public long Sum => Volatile.Read(ref _sum);

    /// <summary>Consumer side: takes one message's value.</summary>
    public void Add(long value)
    {
        _sum += value;
        long count = _count + 1;
        Volatile.Write(ref _count, count);
        if (count == _target)
        {
            _reachedAt = Stopwatch.GetTimestamp();
            _reached.Set();
        }
    }

    /// <summary>Measuring side, while the consumer is idle: the next run ends when <paramref name="messages"/> more have been taken.</summary>
    public void Expect(long messages)
    {
        _reached.Reset();
        Volatile.Write(ref _target, Count + messages);
    }

    /// <summary>When the target was reached.</summary>
    /// <exception cref="TimeoutException">The consumer did not reach it within <paramref name="timeout"/>: messages were lost or the consumer stopped.</exception>
    public long WaitForTarget(TimeSpan timeout)
    {
        if (!_reached.Wait(timeout))
            throw new TimeoutException($"The consumer took {Count} messages of the {Volatile.Read(ref _target)} expected within {timeout}.");
        return Volatile.Read(ref _reachedAt);
    }

    public void Dispose() => _reached.Dispose();
}
