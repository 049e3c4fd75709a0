using System.Runtime.InteropServices;

namespace RingKernel.Layouts;

/// <summary>
/// One K2K message of a halo exchange: a <see cref="HaloMessageHeader"/> and up to
/// <see cref="Capacity"/> floats of strip data inline. A strip longer than a chunk is cut into
/// <see cref="HaloMessageHeader.ChunkCount"/> chunks that the receiver reassembles by
/// <see cref="HaloMessageHeader.ChunkIndex"/>. 960 bytes, so a 1024-byte inbox slot holds it with its message header.
/// A chunk travels as a variable-length payload of its header and its <see cref="HaloMessageHeader.ElementCount"/>
/// floats only.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HaloChunk
{
    /// <summary>Floats one chunk carries at most.</summary>
    public const int Capacity = 232;

    /// <summary>The chunk's size in bytes: the halo header and the data.</summary>
    public const int Size = HaloMessageHeader.Size + (Capacity * sizeof(float));

    /// <summary>The K2K message type id of halo chunks.</summary>
    public const uint TypeId = 0x4841_4C4F;

    /// <summary>The inbox slot size that carries one chunk: a message header and <see cref="Size"/> bytes, rounded to 64.</summary>
    public const int InboxSlotSize = 1024;

    [FieldOffset(0)] public HaloMessageHeader Header;

    [FieldOffset(HaloMessageHeader.Size)] public HaloChunkData Data;

    /// <summary>The payload bytes of a chunk that carries <paramref name="elements"/> floats.</summary>
    public static int PayloadSize(int elements) => HaloMessageHeader.Size + (elements * sizeof(float));
}
