using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using RingKernel.Rings;

namespace RingKernel.Streams;

/// <summary>
/// Copies the messages of a <see cref="MessageRing"/> (a kernel's output ring) into a
/// <see cref="PipeWriter"/> as frames (<see cref="StreamFrameHeader"/>, then the payload as it lies in
/// the slot), in ring order. It is the ring's one consumer while it runs.
/// </summary>
/// <remarks>
/// <para>Flushes are batched: the egress flushes once <see cref="FlushThresholdBytes"/> are waiting, and
/// when the ring has stayed empty for a short spin (before it parks), so a busy stream pays one flush per
/// many frames and a quiet one still sees each message at once.</para>
/// <para>Backpressure: a flush that the pipe holds back (its reader is slow) holds the egress too, so the
/// ring fills and its producer waits (a ring kernel's <c>Send</c> waits for room). A slot is released only
/// once its frame is in the pipe's memory: nothing is lost. The egress ends after <see cref="Complete"/>
/// (once the ring is empty), when the pipe's reader completes (what is still in the ring stays there), or
/// on cancellation; it completes the writer when it ends, with the exception when it fails.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Its completion token source has no timer and no links, and holds no unmanaged resources.")]
public sealed class RingEgress
{
    /// <summary>Bytes written before a flush unless the constructor says otherwise.</summary>
    public const int DefaultFlushThresholdBytes = 64 * 1024;

    /// <summary>The most messages taken from the ring between two checks for a flush.</summary>
    private const int MaxBatch = 256;

    /// <summary>Polls of an empty ring before the egress flushes and parks.</summary>
    private const int EmptySpins = 20;

    private readonly MessageRing _source;
    private readonly PipeWriter _destination;
    private readonly CancellationTokenSource _completed = new();
    private long _framesWritten;
    private long _unflushed;
    private int _started;

    /// <param name="source">The ring to consume; nothing else may consume it while the egress runs.</param>
    /// <param name="destination">Where the frames go.</param>
    /// <param name="flushThresholdBytes">Bytes written before the egress flushes while the ring still holds messages.</param>
    public RingEgress(MessageRing source, PipeWriter destination, int flushThresholdBytes = DefaultFlushThresholdBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(flushThresholdBytes);
        _source = source;
        _destination = destination;
        FlushThresholdBytes = flushThresholdBytes;
    }

    public int FlushThresholdBytes { get; }

    /// <summary>Frames written into the pipe so far.</summary>
    public long FramesWritten => Volatile.Read(ref _framesWritten);

    /// <summary>
    /// Says that no more messages will enter the ring: <see cref="RunAsync"/> writes what it holds,
    /// flushes, completes the writer and returns. Any thread; idempotent.
    /// </summary>
    public void Complete() =>
        // Asynchronously: cancelling inline could run the egress's whole remaining copy on this thread.
        _ = _completed.CancelAsync();

    /// <summary>Copies messages until <see cref="Complete"/> and an empty ring, or until the pipe's reader completes. Runs once.</summary>
    /// <exception cref="MessageRejectedException">A message in the ring failed validation (it was consumed; nothing after it was).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the writer is completed with the exception, and what the egress had not taken stays in the ring.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("An egress runs once; create another for another stream.");
        try
        {
            await CopyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await _destination.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }

        await _destination.CompleteAsync().ConfigureAwait(false);
    }

    private async Task CopyAsync(CancellationToken cancellationToken)
    {
        using CancellationTokenSource waits = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _completed.Token);
        while (true)
        {
            if (TakeMessages() > 0)
            {
                if (_unflushed >= FlushThresholdBytes && await FlushAsync(cancellationToken).ConfigureAwait(false))
                    return;
                continue;
            }

            // Empty: give the producer a moment before paying for a flush and a park.
            if (SpinUntilReadable())
                continue;
            if (_unflushed > 0 && await FlushAsync(cancellationToken).ConfigureAwait(false))
                return;

            try
            {
                await _source.WaitToReadAsync(waits.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_completed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Completed: write what is left (still flushing per threshold, so a slow reader holds it), then end.
                while (TakeMessages() > 0)
                {
                    if (_unflushed >= FlushThresholdBytes && await FlushAsync(cancellationToken).ConfigureAwait(false))
                        return;
                }

                await FlushAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Writes the messages readable now (at most <see cref="MaxBatch"/>) into the pipe and releases their slots.</summary>
    private int TakeMessages()
    {
        var copier = new FrameCopier(_destination);
        int taken;
        try
        {
            taken = _source.Drain(ref copier, MaxBatch);
        }
        finally
        {
            // What the copier wrote before a rejected message is in the pipe, and those slots are released.
            copier.Commit();
            _unflushed += copier.Bytes;
            Volatile.Write(ref _framesWritten, _framesWritten + copier.Frames);
        }

        return taken;
    }

    private bool SpinUntilReadable()
    {
        var spinner = new SpinWait();
        for (int i = 0; i < EmptySpins; i++)
        {
            if (_source.Ring.Count > 0)
                return true;
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return false;
    }

    /// <summary>Flushes; true when the pipe's reader has completed (nothing more will be read).</summary>
    private async ValueTask<bool> FlushAsync(CancellationToken cancellationToken)
    {
        _unflushed = 0;
        FlushResult result = await _destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
            throw new OperationCanceledException("The pending flush was cancelled (PipeWriter.CancelPendingFlush).");
        return result.IsCompleted;
    }

    /// <summary>Writes each message as a frame into the pipe's memory, asking for more memory only when a frame does not fit.</summary>
    private ref struct FrameCopier(PipeWriter destination) : IMessageHandler
    {
        private Span<byte> _free;
        private int _used;

        public long Bytes { get; private set; }

        public long Frames { get; private set; }

        public void Handle(RingMessage message)
        {
            ReadOnlySpan<byte> payload = message.Payload;
            int length = StreamFrameHeader.Size + payload.Length;
            if (_free.Length - _used < length)
            {
                Commit();
                _free = destination.GetSpan(length);
            }

            Span<byte> frame = _free.Slice(_used, length);
            new StreamFrameHeader((uint)payload.Length, message.TypeId).Write(frame);
            payload.CopyTo(frame[StreamFrameHeader.Size..]);
            _used += length;
            Bytes += length;
            Frames++;
        }

        /// <summary>Advances the writer past what was written into the current span.</summary>
        public void Commit()
        {
            if (_used > 0)
                destination.Advance(_used);
            _free = default;
            _used = 0;
        }
    }
}
