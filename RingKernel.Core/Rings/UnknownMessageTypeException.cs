using RingKernel.Layouts;

namespace RingKernel.Rings;

/// <summary>A message whose <see cref="MessageHeader.TypeId"/> this consumer's registry does not know.</summary>
public sealed class UnknownMessageTypeException : MessageRejectedException
{
    public UnknownMessageTypeException(ulong position, in MessageHeader header)
        : base($"Message at ring position {position} has type id {header.TypeId}, which is not registered with this consumer; it was skipped.", position, header)
    {
    }

    public uint TypeId => Header.TypeId;
}
