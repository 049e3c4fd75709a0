using System.Buffers;
using MessagePack;

namespace RingKernel.Streams;

/// <summary>A host message type <typeparamref name="T"/>, read as MessagePack and handed to its handler.</summary>
internal sealed class HostMessageType<T>(Func<T, CancellationToken, ValueTask> handler, MessagePackSerializerOptions options) : HostMessageType
{
    public override Type ClrType => typeof(T);

    public override ValueTask DeliverAsync(ReadOnlySequence<byte> payload, long offset, StreamFrameHeader header, CancellationToken cancellationToken)
    {
        T value;
        try
        {
            var reader = new MessagePackReader(payload);
            value = MessagePackSerializer.Deserialize<T>(ref reader, options);
            if (!reader.End)
                throw new StreamFrameException(offset, StreamFrameError.BadPayload, header, $"the {typeof(T).Name} (type id {header.TypeId}) ends after {reader.Consumed} of its {header.PayloadLength} payload bytes");
        }
        catch (MessagePackSerializationException e)
        {
            throw new StreamFrameException(offset, StreamFrameError.BadPayload, header, $"the payload of type id {header.TypeId} is not a valid {typeof(T).Name} in MessagePack ({e.InnerException?.Message ?? e.Message})", e);
        }

        return handler(value, cancellationToken);
    }
}
