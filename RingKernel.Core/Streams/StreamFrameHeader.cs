using System.Buffers.Binary;

namespace RingKernel.Streams;

/// <summary>
/// The 8-byte header that starts every frame of the stream bridges' wire format: the payload's length,
/// then its type id, each an unsigned 32-bit little-endian integer; the payload follows at once. The
/// format is described in <c>RingKernel.Core/Streams/README.md</c>.
/// </summary>
public readonly record struct StreamFrameHeader(uint PayloadLength, uint TypeId)
{
    public const int Size = 8;

    /// <summary>Header and payload together.</summary>
    public long FrameLength => Size + (long)PayloadLength;

    /// <summary>Reads a header from the first <see cref="Size"/> bytes of <paramref name="source"/>.</summary>
    public static StreamFrameHeader Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt32LittleEndian(source), BinaryPrimitives.ReadUInt32LittleEndian(source[sizeof(uint)..]));

    /// <summary>Writes this header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, PayloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[sizeof(uint)..], TypeId);
    }
}
