namespace RingKernel.Layouts;

/// <summary>Bits of <see cref="MessageHeader.Flags"/>.</summary>
[Flags]
public enum MessageFlags : uint
{
    None = 0,
    /// <summary><see cref="MessageHeader.Checksum"/> holds a CRC-32C that the reader verifies.</summary>
    Checksummed = 1 << 0,
    /// <summary>The message answers a request; <see cref="MessageHeader.CorrelationId"/> names it.</summary>
    Reply = 1 << 1,
    /// <summary>The message reports a failure to process the request it answers.</summary>
    Error = 1 << 2,
}
