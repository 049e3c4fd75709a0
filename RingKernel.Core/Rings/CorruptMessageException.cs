using RingKernel.Layouts;

namespace RingKernel.Rings;

/// <summary>A message whose header is not consistent (payload size out of range or wrong for its type, checksum missing where required).</summary>
public class CorruptMessageException : MessageRejectedException
{
    public CorruptMessageException(string message, ulong position, in MessageHeader header)
        : base(message, position, header)
    {
    }
}
