using System.Runtime.InteropServices;

namespace RingKernel.Layouts;

/// <summary>
/// The shared header of a ring. The producer block (bytes 0–127) is written only by producers,
/// the consumer block (128–255) only by the consumer, and the geometry block (256–383) only when
/// the ring is created, so neither side ever rewrites a field the other side owns and no hot
/// field shares a 128-byte block with one the other side writes.
/// </summary>
/// <remarks>
/// Memory after the header: for MPSC rings, <see cref="Capacity"/> 64-bit slot sequence numbers;
/// then <see cref="Capacity"/> slots of <see cref="SlotSize"/> bytes.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct RingHeader
{
    public const int Size = 384;
    public const int ProducerBlockOffset = 0;
    public const int ConsumerBlockOffset = 128;
    public const int GeometryBlockOffset = 256;

    /// <summary>Value of <see cref="Magic"/> in a formatted ring ("RING" in memory order), written last.</summary>
    public const uint FormattedMagic = 0x474E4952;

    // Producer block.
    /// <summary>Free-running count of slots claimed (MPSC) or published (SPSC) by producers.</summary>
    [FieldOffset(0)] public ulong Tail;
    /// <summary>Messages dropped under an opt-in dropping policy; never incremented otherwise.</summary>
    [FieldOffset(8)] public ulong DroppedCount;
    /// <summary>Non-zero while a producer is parked waiting for space. On the block's second cache
    /// line, so the consumer's check of it does not pull the line holding the hot tail.</summary>
    [FieldOffset(64)] public uint ProducerWaiting;

    // Consumer block.
    /// <summary>Free-running count of slots the consumer has committed (processed and released).</summary>
    [FieldOffset(128)] public ulong Head;
    /// <summary>Non-zero while the consumer is parked waiting for messages; on the block's second cache line.</summary>
    [FieldOffset(192)] public uint ConsumerWaiting;

    // Geometry block.
    [FieldOffset(256)] public uint Capacity;
    [FieldOffset(260)] public uint SlotSize;
    [FieldOffset(264)] public RingKind Kind;
    [FieldOffset(268)] public uint Magic;
}
