using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using RingKernel.Rings;

namespace RingKernel.Streams;

/// <summary>
/// Reads frames (<see cref="StreamFrameHeader"/>, then the payload) from a <see cref="PipeReader"/> and
/// writes those of the ring's registered types into its slots, in stream order: straight from the
/// pipe's memory into the slot, a run of frames with one claim; frames of <see cref="HostMessageTypes"/>
/// are deserialized and handed to their handler once every frame before them is in the ring.
/// </summary>
/// <remarks>
/// <para>Backpressure: when the ring is full the ingest waits for the consumer to free a slot and reads
/// nothing more meanwhile, so the pipe fills and its writer (a socket's receive loop) stops. Nothing is
/// dropped or reordered. Several ingests may feed one multi-producer ring; each keeps its own order.</para>
/// <para>A malformed frame ends the run with a <see cref="StreamFrameException"/> naming its offset; the
/// frames before it are in the ring (or were delivered), nothing after it is read. <see cref="RunAsync"/>
/// completes the reader when it ends, with the exception when it fails.</para>
/// </remarks>
public sealed partial class RingIngest
{
    /// <summary>The most frames claimed and published together.</summary>
    private const int MaxBatch = 64;

    private readonly PipeReader _source;
    private readonly MessageRing _destination;
    private readonly HostMessageTypes? _hostMessages;
    private long _offset;
    private long _framesWritten;
    private long _hostMessagesDelivered;
    private int _started;

    // The last ring type id looked up and its registered size (registrations are permanent), so a
    // stream of one type skips the registry.
    private uint _lastTypeId;
    private int _lastPayloadSize;

    /// <exception cref="ArgumentException">A host message type id is also registered with the ring.</exception>
    public RingIngest(PipeReader source, MessageRing destination, HostMessageTypes? hostMessages = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (hostMessages is not null)
        {
            foreach (uint typeId in hostMessages.TypeIds)
            {
                if (destination.Types.TryGetPayloadSize(typeId, out _))
                    throw new ArgumentException($"Type id {destination.Types.Describe(typeId)} is both a ring type and a host message type.", nameof(hostMessages));
            }

            hostMessages.Freeze();
        }

        _source = source;
        _destination = destination;
        _hostMessages = hostMessages;
    }

    /// <summary>Frames written into the ring so far.</summary>
    public long FramesWritten => Volatile.Read(ref _framesWritten);

    /// <summary>Host messages handed to their handlers so far.</summary>
    public long HostMessagesDelivered => Volatile.Read(ref _hostMessagesDelivered);

    /// <summary>Bytes of the stream consumed so far: the offset of the next frame.</summary>
    public long BytesConsumed => Volatile.Read(ref _offset);

    /// <summary>
    /// Copies frames until the stream ends, then completes the reader. Runs once.
    /// </summary>
    /// <exception cref="StreamFrameException">A malformed frame; those before it were delivered.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the pending read was cancelled; the frames consumed so far were delivered.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("An ingest runs once; create another for another stream.");
        try
        {
            await CopyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await _source.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }

        await _source.CompleteAsync().ConfigureAwait(false);
    }

    private async Task CopyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await _source.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
                throw new OperationCanceledException("The pending read was cancelled (PipeReader.CancelPendingRead).");
            ReadOnlySequence<byte> buffer = result.Buffer;
            try
            {
                while (true)
                {
                    Stop stop = WriteFrames(ref buffer, out StreamFrameHeader header, out HostMessageType? host);
                    if (stop == Stop.NeedData)
                        break;
                    if (stop == Stop.RingFull)
                    {
                        // Holding the buffer (not reading on) is what lets the pipe, and the writer behind it, fill up.
                        await _destination.WaitForFreeSlotAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    Debug.Assert(stop == Stop.HostMessage && host is not null && buffer.Length >= header.FrameLength, "A host message is delivered whole.");
                    await host.DeliverAsync(buffer.Slice(StreamFrameHeader.Size, header.PayloadLength), _offset, header, cancellationToken).ConfigureAwait(false);
                    Consumed(ref buffer, header.FrameLength);
                    Volatile.Write(ref _hostMessagesDelivered, _hostMessagesDelivered + 1);
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                        throw Truncated(buffer);
                    return;
                }
            }
            finally
            {
                _source.AdvanceTo(buffer.Start, result.Buffer.End);
            }
        }
    }
}
