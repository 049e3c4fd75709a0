using System.Buffers;
using System.Diagnostics;
using RingKernel.Rings;

namespace RingKernel.Streams;

// The synchronous side of RingIngest: checking frames and writing them into ring slots.
public sealed partial class RingIngest
{
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
