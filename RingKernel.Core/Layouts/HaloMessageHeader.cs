using System.Runtime.InteropServices;

namespace RingKernel.Layouts;

/// <summary>
/// Describes one halo strip carried over K2K after the <see cref="MessageHeader"/>: which tile
/// sent it, for which face and simulation step, and which part of the strip the payload holds.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HaloMessageHeader
{
    public const int Size = 32;

    /// <summary>The step (epoch) the halo belongs to, so a fast tile never mixes two steps.</summary>
    [FieldOffset(0)] public ulong Step;
    [FieldOffset(8)] public uint SourceTile;
    /// <summary>Face, edge or corner of the receiving tile that the strip fills.</summary>
    [FieldOffset(12)] public uint Direction;
    [FieldOffset(16)] public uint HaloWidth;
    /// <summary>Number of elements in this chunk's payload.</summary>
    [FieldOffset(20)] public uint ElementCount;
    [FieldOffset(24)] public uint ChunkIndex;
    [FieldOffset(28)] public uint ChunkCount;
}
