using RingKernel.Layouts;

namespace RingKernel.Rings;

/// <summary>A message whose header or payload does not match its CRC-32C <see cref="MessageHeader.Checksum"/>.</summary>
public sealed class MessageChecksumException : CorruptMessageException
{
    public MessageChecksumException(ulong position, in MessageHeader header, uint actual)
        : base($"Message at ring position {position} failed its checksum: header says 0x{header.Checksum:X8}, contents give 0x{actual:X8}; it was skipped.", position, header)
    {
        Actual = actual;
    }

    /// <summary>The checksum computed from the slot's contents.</summary>
    public uint Actual { get; }
}
