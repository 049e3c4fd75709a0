using System.Runtime.InteropServices;

namespace RingKernel.Kernels.Actors;

/// <summary>
/// Lets threads other than the kernel actor's (typed references, the actor's own waits) use a kernel's
/// rings until the actor stops, and lets the stop wait for those still inside before the memory is freed.
/// A thread enters and exits per use; the count is striped by processor so that producers on different
/// cores do not contend on one cache line.
/// </summary>
internal sealed class KernelRingGate : IDisposable
{
    private readonly Stripe[] _stripes;
    private readonly int _mask;
    private readonly CancellationTokenSource _closing = new();
    private volatile bool _closed;

    public KernelRingGate()
    {
        int count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Environment.ProcessorCount));
        _stripes = new Stripe[count];
        _mask = count - 1;
    }

    /// <summary>Cancelled when the gate closes, so that a thread waiting inside (for room in a ring) gives up and exits.</summary>
    public CancellationToken Closing => _closing.Token;

    public bool IsClosed => _closed;

    /// <summary>Enters unless the gate is closed; a thread that entered must <see cref="Exit"/> with the stripe it got.</summary>
    public bool TryEnter(out int stripe)
    {
        stripe = Thread.GetCurrentProcessorId() & _mask;
        Interlocked.Increment(ref _stripes[stripe].Count);
        if (!_closed)
            return true;
        Interlocked.Decrement(ref _stripes[stripe].Count);
        return false;
    }

    public void Exit(int stripe) => Interlocked.Decrement(ref _stripes[stripe].Count);

    /// <summary>Refuses new entries, cancels <see cref="Closing"/>, and completes once no thread is inside.</summary>
    public async Task CloseAsync()
    {
        // Dekker with TryEnter: the closed flag is written before the counts are read, each side with a full fence.
        _closed = true;
        Interlocked.MemoryBarrier();
        await _closing.CancelAsync().ConfigureAwait(false);
        while (Inside() != 0)
            await Task.Delay(1).ConfigureAwait(false);
    }

    public void Dispose() => _closing.Dispose();

    private long Inside()
    {
        long inside = 0;
        for (int i = 0; i < _stripes.Length; i++)
            inside += Volatile.Read(ref _stripes[i].Count);
        return inside;
    }

    /// <summary>One processor's count, alone on its 128-byte block.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Stripe
    {
        [FieldOffset(64)]
        public long Count;
    }
}
