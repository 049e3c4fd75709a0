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
/// <remarks>
/// One CRC32 instruction waits for the previous one's result (about three cycles for eight bytes), so
/// long payloads (halo strips) are taken in blocks of three lanes that run side by side and are then
/// joined: the CRC of A‖B is the state after A advanced over |B| zero bytes, XOR the CRC of B from
/// zero. Advancing a state over a lane's zero bytes is linear, so a 4 × 256 table does it.
/// </remarks>
public static class MessageChecksum
{
    private const int ChecksumOffset = 48;

    /// <summary>The bytes of one of the three interleaved lanes.</summary>
    private const int LaneBytes = 128;

    /// <summary>Entry [256 p + v]: the state (v &lt;&lt; 8p) advanced over <see cref="LaneBytes"/> zero bytes.</summary>
    private static readonly uint[] LaneShift = BuildLaneShift();

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
        for (; i + (3 * LaneBytes) <= length; i += 3 * LaneBytes)
        {
            ref byte block = ref Unsafe.Add(ref start, i);
            uint first = crc;
            uint second = 0;
            uint third = 0;
            for (nuint k = 0; k < LaneBytes; k += sizeof(ulong))
            {
                first = BitOperations.Crc32C(first, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref block, k)));
                second = BitOperations.Crc32C(second, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref block, LaneBytes + k)));
                third = BitOperations.Crc32C(third, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref block, (2 * LaneBytes) + k)));
            }

            crc = ShiftOverLane(ShiftOverLane(first) ^ second) ^ third;
        }

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

    private static uint ShiftOverLane(uint state)
    {
        uint[] table = LaneShift;
        return table[(int)(state & 0xFF)] ^ table[256 + (int)((state >> 8) & 0xFF)]
            ^ table[512 + (int)((state >> 16) & 0xFF)] ^ table[768 + (int)(state >> 24)];
    }

    private static uint[] BuildLaneShift()
    {
        var table = new uint[4 * 256];
        for (int position = 0; position < 4; position++)
        {
            for (uint value = 0; value < 256; value++)
            {
                uint state = value << (8 * position);
                for (int k = 0; k < LaneBytes; k += sizeof(ulong))
                    state = BitOperations.Crc32C(state, 0UL);
                table[(position * 256) + (int)value] = state;
            }
        }

        return table;
    }
}
