using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Layouts;

namespace RingKernel.Rings;

/// <summary>
/// The checksum of ring messages: CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value
/// and final XOR 0xFFFFFFFF) over the 64-byte <see cref="MessageHeader"/>, with its
/// <see cref="MessageHeader.Checksum"/> field taken as zero, followed by the payload. Uses the
/// processor's CRC32 instruction (SSE4.2, ARMv8) through <see cref="BitOperations.Crc32C(uint, ulong)"/>.
/// </summary>
public static class MessageChecksum
{
    private const int ChecksumOffset = 48;

    /// <summary>The standard CRC-32C of <paramref name="data"/> ("123456789" gives 0xE3069283).</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data) => ~Append(~0u, data);

    /// <summary>The checksum of a message laid out as header then payload (the header's checksum field is ignored).</summary>
    /// <exception cref="ArgumentException"><paramref name="message"/> is shorter than a header.</exception>
    public static uint Compute(ReadOnlySpan<byte> message)
    {
        if (message.Length < MessageHeader.Size)
            throw new ArgumentException($"A message is at least its {MessageHeader.Size}-byte header; got {message.Length} bytes.", nameof(message));

        // Eight aligned 8-byte steps over the header; the checksum is the low half of the word at 48.
        ref byte header = ref MemoryMarshal.GetReference(message);
        uint crc = ~0u;
        for (int offset = 0; offset < ChecksumOffset; offset += sizeof(ulong))
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref header, offset)));
        crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref header, ChecksumOffset)) & ~(ulong)uint.MaxValue);
        crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref header, ChecksumOffset + sizeof(ulong))));
        return ~Append(crc, message[MessageHeader.Size..]);
    }

    /// <summary>
    /// The checksum of the message a producer is about to write: <paramref name="header"/> with the
    /// ring-owned fields replaced, then <paramref name="payload"/>. Computed from the caller's values
    /// rather than by re-reading the slot just written, whose narrow stores would stall wide loads.
    /// </summary>
    internal static uint Compute(in MessageHeader header, uint typeId, uint payloadSize, MessageFlags flags, ReadOnlySpan<byte> payload)
    {
        uint crc = ~0u;
        crc = BitOperations.Crc32C(crc, header.MessageId);
        crc = BitOperations.Crc32C(crc, header.CorrelationId);
        crc = BitOperations.Crc32C(crc, header.Timestamp);
        crc = BitOperations.Crc32C(crc, header.Deadline);
        crc = BitOperations.Crc32C(crc, typeId | ((ulong)header.SourceId << 32));
        crc = BitOperations.Crc32C(crc, header.DestinationId | ((ulong)payloadSize << 32));
        crc = BitOperations.Crc32C(crc, (ulong)(uint)flags << 32);
        crc = BitOperations.Crc32C(crc, header.TimestampNode | ((ulong)header.Reserved << 32));
        return ~Append(crc, payload);
    }

    private static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        nuint length = (nuint)data.Length;
        nuint i = 0;
        for (; i + sizeof(ulong) <= length; i += sizeof(ulong))
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)));
        if (i + sizeof(uint) <= length)
        {
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i)));
            i += sizeof(uint);
        }

        for (; i < length; i++)
            crc = BitOperations.Crc32C(crc, Unsafe.Add(ref start, i));
        return crc;
    }
}
