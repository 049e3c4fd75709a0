using System.Runtime.InteropServices;

namespace RingKernel.Layouts;

/// <summary>
/// One kernel-to-kernel route: where a kernel's messages for one neighbour go. A routing table is
/// a dense array of these, indexed by route number (up to 26 for a 3D Moore neighbourhood).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct RouteEntry
{
    public const int Size = 32;

    /// <summary>Device-visible address of the target inbox's <see cref="RingHeader"/>; 0 when the route is absent.</summary>
    [FieldOffset(0)] public ulong InboxAddress;
    /// <summary>Sequence number the next message on this route carries.</summary>
    [FieldOffset(8)] public ulong NextSequence;
    [FieldOffset(16)] public uint TargetKernelId;
    /// <summary>Direction code of the route (a face, edge or corner of the tile).</summary>
    [FieldOffset(20)] public uint Direction;
    [FieldOffset(24)] public uint InboxCapacity;
    [FieldOffset(28)] public uint InboxSlotSize;
}
