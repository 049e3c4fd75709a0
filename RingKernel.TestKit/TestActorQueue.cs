using System.Collections.Concurrent;

namespace RingKernel.TestKit;

/// <summary>
/// The messages a test actor received, in arrival order. Waiting uses a semaphore, so the synchronous
/// expectations block the test's thread only and never need a thread-pool thread to wake them.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim owns no OS handle unless its AvailableWaitHandle is used.")]
internal sealed class TestActorQueue
{
    private readonly ConcurrentQueue<ReceivedMessage> _queue = new();
    private readonly SemaphoreSlim _available = new(0);

    public int Count => _queue.Count;

    public void Add(ReceivedMessage message)
    {
        _queue.Enqueue(message);
        _available.Release();
    }

    public bool TryTake(TimeSpan timeout, out ReceivedMessage message)
    {
        if (_available.Wait(Clamp(timeout)) && _queue.TryDequeue(out message))
            return true;
        message = default;
        return false;
    }

    public async Task<ReceivedMessage?> TryTakeAsync(TimeSpan timeout)
    {
        if (await _available.WaitAsync(Clamp(timeout)).ConfigureAwait(false) && _queue.TryDequeue(out ReceivedMessage message))
            return message;
        return null;
    }

    private static TimeSpan Clamp(TimeSpan timeout) => timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
}
