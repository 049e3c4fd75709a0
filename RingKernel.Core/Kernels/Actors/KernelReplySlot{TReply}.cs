using System.Threading.Tasks.Sources;
using Akka.Actor;
using RingKernel.Telemetry;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// One Ask's wait for its reply, reused Ask after Ask. Its stamp packs a generation and a state
/// (free, waiting, done) in one word, so that the reply, a failure and the timeout race with one CAS and
/// exactly one of them completes the Ask; a reply that carries an older generation is stale.
/// </summary>
internal sealed class KernelReplySlot<TReply> : IValueTaskSource<TReply>
    where TReply : unmanaged
{
    private const long Free = 0;
    private const long Waiting = 1;
    private const long Done = 2;

    private readonly KernelReplyTable<TReply> _table;
    private ManualResetValueTaskSourceCore<TReply> _core;
    private long _stamp;
    private long _deadline;
    private TimeSpan _timeout;
    private AskTiming _timing;

    public KernelReplySlot(KernelReplyTable<TReply> table, int index, bool continueOnPump)
    {
        _table = table;
        Index = index;
        _core.RunContinuationsAsynchronously = !continueOnPump;
    }

    public int Index { get; }

    public ValueTask<TReply> Task => new(this, _core.Version);

    /// <summary>Makes the slot wait for a reply under a new generation, which it returns.</summary>
    public uint Arm(long deadline, TimeSpan timeout, AskTiming timing)
    {
        long generation = (Volatile.Read(ref _stamp) >> 2) + 1;
        _deadline = deadline;
        _timeout = timeout;
        _timing = timing;
        Volatile.Write(ref _stamp, (generation << 2) | Waiting);
        return (uint)generation & KernelCorrelationIds.GenerationMask;
    }

    public bool TryComplete(uint generation, TReply reply)
    {
        if (!TryFinish(generation))
            return false;
        _table.Telemetry.Stop(_timing, null);
        _core.SetResult(reply);
        return true;
    }

    public bool TryFail(uint generation, Exception error)
    {
        if (!TryFinish(generation))
            return false;
        _table.Telemetry.Stop(_timing, error);
        _core.SetException(error);
        return true;
    }

    /// <summary>Fails the Ask waiting here, whatever its generation.</summary>
    public void TryFailAny(Exception error)
    {
        long stamp = Volatile.Read(ref _stamp);
        if ((stamp & 3) == Waiting)
            TryFail((uint)(stamp >> 2) & KernelCorrelationIds.GenerationMask, error);
    }

    public void ExpireIfOverdue(long now, string kernelName)
    {
        long stamp = Volatile.Read(ref _stamp);
        if ((stamp & 3) == Waiting && Volatile.Read(ref _deadline) <= now)
            TryFail((uint)(stamp >> 2) & KernelCorrelationIds.GenerationMask, new AskTimeoutException($"Ring kernel '{kernelName}' did not reply within {_timeout}."));
    }

    public TReply GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            long stamp = Volatile.Read(ref _stamp);
            Volatile.Write(ref _stamp, (stamp & ~3L) | Free);
            _table.Return(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private bool TryFinish(uint generation)
    {
        long stamp = Volatile.Read(ref _stamp);
        if ((stamp & 3) != Waiting || ((uint)(stamp >> 2) & KernelCorrelationIds.GenerationMask) != generation)
            return false;
        return Interlocked.CompareExchange(ref _stamp, (stamp & ~3L) | Done, stamp) == stamp;
    }
}
