using System.Runtime.InteropServices;

namespace RingKernel.Layouts;

/// <summary>
/// The header at the start of every ring slot and K2K message: exactly one 64-byte cache line,
/// followed inline by <see cref="PayloadSize"/> bytes of blittable payload.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct MessageHeader
{
    public const int Size = 64;

    /// <summary>Unique per sender; K2K uses it as the per-route sequence number.</summary>
    [FieldOffset(0)] public ulong MessageId;
    /// <summary>Ties a reply to its request; 0 when the message expects no reply.</summary>
    [FieldOffset(8)] public ulong CorrelationId;
    /// <summary>Packed hybrid logical clock timestamp (48-bit physical µs, 16-bit logical).</summary>
    [FieldOffset(16)] public ulong Timestamp;
    /// <summary>Absolute deadline in physical microseconds on the HLC time base (see HlcTimestamp.Epoch); 0 means none.</summary>
    [FieldOffset(24)] public ulong Deadline;
    [FieldOffset(32)] public uint TypeId;
    [FieldOffset(36)] public uint SourceId;
    [FieldOffset(40)] public uint DestinationId;
    [FieldOffset(44)] public uint PayloadSize;
    /// <summary>CRC-32C of the header (with this field zero) and the payload, when <see cref="MessageFlags.Checksummed"/> is set.</summary>
    [FieldOffset(48)] public uint Checksum;
    [FieldOffset(52)] public MessageFlags Flags;
    /// <summary>Node id of the clock that produced <see cref="Timestamp"/>.</summary>
    [FieldOffset(56)] public uint TimestampNode;
    [FieldOffset(60)] public uint Reserved;
}
