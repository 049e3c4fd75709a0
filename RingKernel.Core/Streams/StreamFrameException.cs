namespace RingKernel.Streams;

/// <summary>
/// A malformed frame in a stream read by <see cref="RingIngest"/>. Every frame before it was delivered;
/// nothing from <see cref="Offset"/> on was, and the stream was not read further (a byte stream has no
/// marker to find the next frame by once a length is wrong).
/// </summary>
public sealed class StreamFrameException : Exception
{
    public StreamFrameException(long offset, StreamFrameError error, StreamFrameHeader header, string reason, Exception? inner = null)
        : base($"Malformed frame at byte offset {offset}: {reason}. The frames before it were delivered; nothing from this offset on was read.", inner)
    {
        Offset = offset;
        Error = error;
        Header = header;
    }

    /// <summary>The offset in the stream of the frame's first byte (its header).</summary>
    public long Offset { get; }

    public StreamFrameError Error { get; }

    /// <summary>The frame's header as read; default when the stream ended inside it.</summary>
    public StreamFrameHeader Header { get; }
}
