namespace RingKernel.Streams;

/// <summary>Why a frame was refused (see <see cref="StreamFrameException"/>).</summary>
public enum StreamFrameError
{
    /// <summary>The type id is registered neither with the ring nor as a host message type.</summary>
    UnknownType,

    /// <summary>The payload length does not fit the type: not a fixed-size type's size, or larger than a ring slot or the host message limit.</summary>
    BadLength,

    /// <summary>The stream ended inside the frame, in its header or its payload.</summary>
    Truncated,

    /// <summary>A host message's payload is not one valid MessagePack value of its type.</summary>
    BadPayload,
}
