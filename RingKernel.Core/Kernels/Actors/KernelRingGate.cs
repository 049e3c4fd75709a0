using System.Runtime.InteropServices;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Lets threads other than the kernel actor's (typed references, the actor's own waits) use a kernel's
/// rings until the actor stops, and lets the stop wait for those still inside before the memory is freed.
/// </summary>
/// <remarks>
/// <para>Every message written through the gate passes it twice, so entering and exiting take no locked
/// instruction: each thread keeps its own count, which only it writes, with plain stores. The close,
/// which happens once, pays instead: a process-wide memory barrier after it raises the closed flag makes
/// every thread's earlier store to its count visible to it, or every thread's later read of the flag
/// see it raised (the asymmetric form of Dekker's protocol).</para>
/// <para>An operation may exit on another thread than it entered on (an await between them). It then
/// raises one thread's count and lowers another's; only the sum over all threads, dead ones included,
/// counts the operations inside, and that is what the close waits on.</para>
/// </remarks>
internal sealed class KernelRingGate : IDisposable
{
    private readonly List<Presence> _presences = [];
    private readonly ThreadLocal<Presence> _presence;
    private readonly CancellationTokenSource _closing = new();
    private volatile bool _closed;

    public KernelRingGate() => _presence = new ThreadLocal<Presence>(Register);

    /// <summary>Cancelled when the gate closes, so that a thread waiting inside (for room in a ring) gives up and exits.</summary>
    public CancellationToken Closing => _closing.Token;

    public bool IsClosed => _closed;

    /// <summary>Enters unless the gate is closed; a caller that entered must <see cref="Exit"/> once, on any thread.</summary>
    public bool TryEnter()
    {
        Presence presence = _presence.Value!;
        Volatile.Write(ref presence.Count, presence.Count + 1);
        if (!_closed)
            return true;
        Volatile.Write(ref presence.Count, presence.Count - 1);
        return false;
    }

    public void Exit()
    {
        Presence presence = _presence.Value!;
        Volatile.Write(ref presence.Count, presence.Count - 1);
    }

    /// <summary>Refuses new entries, cancels <see cref="Closing"/>, and completes once no operation is inside.</summary>
    public async Task CloseAsync()
    {
        _closed = true;
        Interlocked.MemoryBarrierProcessWide();
        await _closing.CancelAsync().ConfigureAwait(false);
        while (Inside() != 0)
            await Task.Delay(1).ConfigureAwait(false);
    }

    /// <summary>
    /// Frees the cancellation source. The per-thread counts stay usable, so that a late caller still
    /// finds the gate closed rather than disposed.
    /// </summary>
    public void Dispose() => _closing.Dispose();

    private Presence Register()
    {
        var presence = new Presence();
        lock (_presences)
            _presences.Add(presence);
        return presence;
    }

    private long Inside()
    {
        long inside = 0;
        lock (_presences)
        {
            foreach (Presence presence in _presences)
                inside += Volatile.Read(ref presence.Count);
        }

        return inside;
    }

    /// <summary>One thread's count, alone on its 128-byte block: written by that thread only, read by the close.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private sealed class Presence
    {
        [FieldOffset(64)]
        public long Count;
    }
}
