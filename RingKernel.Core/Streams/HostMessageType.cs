using System.Buffers;

namespace RingKernel.Streams;

/// <summary>One registered host message type: how its payload becomes a value and where the value goes.</summary>
internal abstract class HostMessageType
{
    public abstract Type ClrType { get; }

    /// <summary>
    /// Deserializes <paramref name="payload"/> and hands the value to the handler. A payload that is not
    /// exactly one value of the type is a <see cref="StreamFrameException"/> naming <paramref name="offset"/>;
    /// what the handler throws passes through.
    /// </summary>
    public abstract ValueTask DeliverAsync(ReadOnlySequence<byte> payload, long offset, StreamFrameHeader header, CancellationToken cancellationToken);
}
