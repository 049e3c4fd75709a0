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
public sealed class RingIngest
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

    /// <summary>
    /// Writes the ring frames at the front of <paramref name="buffer"/>, consuming them, until it needs
    /// more data, the ring is full, or a host message comes next (left in the buffer with its
    /// <paramref name="header"/>). A malformed frame at the front throws.
    /// </summary>
    private Stop WriteFrames(ref ReadOnlySequence<byte> buffer, out StreamFrameHeader header, out HostMessageType? host)
    {
        while (true)
        {
            host = null;
            if (buffer.Length < StreamFrameHeader.Size)
            {
                header = default;
                return Stop.NeedData;
            }

            header = ReadHeader(buffer);
            Route route = RouteOf(header, out host);
            if (route is Route.Unknown or Route.BadLength)
                throw Malformed(header, route);
            if (buffer.Length < header.FrameLength)
                return Stop.NeedData;
            if (route == Route.Host)
                return Stop.HostMessage;

            ReadOnlySpan<byte> contiguous = buffer.FirstSpan;
            int written;
            long bytes;
            if (contiguous.Length >= header.FrameLength)
            {
                written = WriteRun(contiguous, out int runBytes);
                bytes = runBytes;
            }
            else
            {
                written = WriteSplit(buffer.Slice(StreamFrameHeader.Size, header.PayloadLength), header.TypeId) ? 1 : 0;
                bytes = header.FrameLength;
            }

            if (written == 0)
                return Stop.RingFull;
            Consumed(ref buffer, bytes);
            Volatile.Write(ref _framesWritten, _framesWritten + written);
        }
    }

    /// <summary>
    /// Writes the run of whole ring frames at the start of <paramref name="span"/> (at most <see cref="MaxBatch"/>,
    /// the first already checked) with one claim, each payload copied from the span into its slot; returns
    /// how many were written (0 when the ring is full) and their <paramref name="bytes"/>.
    /// </summary>
    private int WriteRun(ReadOnlySpan<byte> span, out int bytes)
    {
        // Validate first: between the claim and the publish nothing may fail.
        int count = 0;
        int end = 0;
        while (count < MaxBatch && span.Length - end >= StreamFrameHeader.Size)
        {
            StreamFrameHeader next = StreamFrameHeader.Read(span[end..]);
            if (RouteOf(next, out _) != Route.Ring || span.Length - end < next.FrameLength)
                break;
            end += (int)next.FrameLength;
            count++;
        }

        Debug.Assert(count > 0, "The first frame was checked and lies whole in the span.");
        int claimed = _destination.TryClaim(count, out ulong first);
        int offset = 0;
        for (int i = 0; i < claimed; i++)
        {
            StreamFrameHeader frame = StreamFrameHeader.Read(span[offset..]);
            _destination.SealClaimed(first + (ulong)i, frame.TypeId, span.Slice(offset + StreamFrameHeader.Size, (int)frame.PayloadLength));
            offset += (int)frame.FrameLength;
        }

        if (claimed > 0)
            _destination.PublishClaimed(first, claimed);
        bytes = offset;
        return claimed;
    }

    /// <summary>Writes one frame whose payload spans segments of the pipe, made contiguous first (the checksum reads it whole); false when the ring is full.</summary>
    private bool WriteSplit(ReadOnlySequence<byte> payload, uint typeId)
    {
        int length = (int)payload.Length;
        byte[] scratch = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(scratch);
            if (_destination.TryClaim(1, out ulong position) == 0)
                return false;
            _destination.SealClaimed(position, typeId, scratch.AsSpan(0, length));
            _destination.PublishClaimed(position, 1);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private Route RouteOf(StreamFrameHeader header, out HostMessageType? host)
    {
        host = null;
        int size;
        if (header.TypeId == _lastTypeId && _lastTypeId != 0)
        {
            size = _lastPayloadSize;
        }
        else if (_destination.Types.TryGetPayloadSize(header.TypeId, out size))
        {
            _lastTypeId = header.TypeId;
            _lastPayloadSize = size;
        }
        else if (_hostMessages is not null && _hostMessages.TryGet(header.TypeId, out host))
        {
            return header.PayloadLength <= (uint)_hostMessages.MaxPayloadBytes ? Route.Host : Route.BadLength;
        }
        else
        {
            return Route.Unknown;
        }

        bool fits = size == MessageTypeRegistry.VariableSize
            ? header.PayloadLength <= (uint)_destination.MaxPayloadSize
            : header.PayloadLength == (uint)size;
        return fits ? Route.Ring : Route.BadLength;
    }

    private StreamFrameException Malformed(StreamFrameHeader header, Route route)
    {
        if (route == Route.Unknown)
            return new StreamFrameException(_offset, StreamFrameError.UnknownType, header, $"type id {header.TypeId} is registered neither with the ring nor as a host message type");

        string reason;
        if (_destination.Types.TryGetPayloadSize(header.TypeId, out int size))
        {
            reason = size == MessageTypeRegistry.VariableSize
                ? $"it announces a payload of {header.PayloadLength} bytes for type id {_destination.Types.Describe(header.TypeId)}; the ring's slots hold at most {_destination.MaxPayloadSize}"
                : $"it announces a payload of {header.PayloadLength} bytes for type id {_destination.Types.Describe(header.TypeId)}, which is {size} bytes";
        }
        else
        {
            reason = $"it announces a payload of {header.PayloadLength} bytes for host message type id {header.TypeId}; at most {_hostMessages!.MaxPayloadBytes} are admitted";
        }

        return new StreamFrameException(_offset, StreamFrameError.BadLength, header, reason);
    }

    private StreamFrameException Truncated(ReadOnlySequence<byte> rest)
    {
        if (rest.Length < StreamFrameHeader.Size)
            return new StreamFrameException(_offset, StreamFrameError.Truncated, default, $"the stream ends {rest.Length} bytes into a frame header of {StreamFrameHeader.Size}");
        StreamFrameHeader header = ReadHeader(rest);
        return new StreamFrameException(
            _offset,
            StreamFrameError.Truncated,
            header,
            $"the stream ends {rest.Length - StreamFrameHeader.Size} bytes into the {header.PayloadLength}-byte payload of a frame of type id {header.TypeId}");
    }

    private void Consumed(ref ReadOnlySequence<byte> buffer, long bytes)
    {
        buffer = buffer.Slice(bytes);
        Volatile.Write(ref _offset, _offset + bytes);
    }

    private static StreamFrameHeader ReadHeader(in ReadOnlySequence<byte> buffer)
    {
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= StreamFrameHeader.Size)
            return StreamFrameHeader.Read(first);
        Span<byte> header = stackalloc byte[StreamFrameHeader.Size];
        buffer.Slice(0, StreamFrameHeader.Size).CopyTo(header);
        return StreamFrameHeader.Read(header);
    }

    /// <summary>Why <see cref="WriteFrames"/> returned.</summary>
    private enum Stop
    {
        NeedData,
        RingFull,
        HostMessage,
    }

    /// <summary>Where a frame goes, or why it cannot.</summary>
    private enum Route
    {
        Ring,
        Host,
        Unknown,
        BadLength,
    }
}
