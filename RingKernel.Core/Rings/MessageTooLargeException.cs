namespace RingKernel.Rings;

/// <summary>Thrown at enqueue when a payload is larger than a ring's slots can carry; nothing was enqueued.</summary>
public sealed class MessageTooLargeException : ArgumentException
{
    public MessageTooLargeException(int payloadSize, int maxPayloadSize, string? paramName)
        : base($"A payload of {payloadSize} bytes is larger than this ring's maximum of {maxPayloadSize} (the slot minus the 64-byte header); it was not enqueued.", paramName)
    {
        PayloadSize = payloadSize;
        MaxPayloadSize = maxPayloadSize;
    }

    public int PayloadSize { get; }

    public int MaxPayloadSize { get; }
}
