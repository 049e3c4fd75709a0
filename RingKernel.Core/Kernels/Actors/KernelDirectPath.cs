using System.Diagnostics;
using RingKernel.Rings;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// What a kernel actor's typed references share: the gate that keeps the rings alive while they write,
/// one reply table per reference, and the sweep that times out Asks (every <see cref="SweepPeriod"/>,
/// started by the first Ask).
/// </summary>
internal sealed class KernelDirectPath(string kernelName) : IDisposable
{
    /// <summary>How often overdue Asks are looked for: an Ask times out at most this much after its deadline.</summary>
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromMilliseconds(20);

    private readonly KernelReplyTable?[] _tables = new KernelReplyTable?[KernelCorrelationIds.MaxTables];
    private readonly Dictionary<(Type Request, Type Reply), object> _refs = [];
    private readonly Lock _sync = new();
    private int _tableCount;
    private Timer? _sweep;

    public KernelRingGate Gate { get; } = new();

    public string KernelName { get; } = kernelName;

    /// <summary>The reference for this pair of types, made once per actor.</summary>
    public KernelRef<TRequest, TReply> GetOrCreate<TRequest, TReply>(Func<int, KernelRef<TRequest, TReply>> create)
        where TRequest : unmanaged
        where TReply : unmanaged
    {
        lock (_sync)
        {
            if (_refs.TryGetValue((typeof(TRequest), typeof(TReply)), out object? existing))
                return (KernelRef<TRequest, TReply>)existing;
            if (_tableCount == KernelCorrelationIds.MaxTables)
                throw new InvalidOperationException($"A kernel actor gives at most {KernelCorrelationIds.MaxTables} typed references (one per pair of request and reply types).");
            KernelRef<TRequest, TReply> created = create(_tableCount);
            Volatile.Write(ref _tables[_tableCount], created.Replies);
            _tableCount++;
            _refs.Add((typeof(TRequest), typeof(TReply)), created);
            return created;
        }
    }

    /// <summary>Starts the timeout sweep if it is not running.</summary>
    public void EnsureSweeping()
    {
        if (Volatile.Read(ref _sweep) is not null)
            return;
        lock (_sync)
        {
            if (_sweep is null && !Gate.IsClosed)
                _sweep = new Timer(static state => ((KernelDirectPath)state!).Sweep(), this, SweepPeriod, SweepPeriod);
        }
    }

    /// <summary>Completes the direct Ask <paramref name="correlationId"/> names; false when none waits for it (it timed out).</summary>
    public bool TryComplete(ulong correlationId, RingMessage message) =>
        Volatile.Read(ref _tables[KernelCorrelationIds.Table(correlationId)]) is { } table && table.TryComplete(correlationId, message);

    public bool TryFail(ulong correlationId, Exception error) =>
        Volatile.Read(ref _tables[KernelCorrelationIds.Table(correlationId)]) is { } table && table.TryFail(correlationId, error);

    public void FailAll(Exception error)
    {
        foreach (KernelReplyTable? table in _tables)
            table?.FailAll(error);
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _sweep?.Dispose();
            _sweep = null;
        }

        Gate.Dispose();
    }

    private void Sweep()
    {
        long now = Stopwatch.GetTimestamp();
        foreach (KernelReplyTable? table in _tables)
            table?.ExpireOverdue(now);
    }
}
