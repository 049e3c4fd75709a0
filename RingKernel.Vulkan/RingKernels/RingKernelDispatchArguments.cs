using System.Runtime.InteropServices;

namespace RingKernel.Vulkan.RingKernels;

/// <summary>
/// The first 56 bytes of a ring kernel shader's push constants: the device addresses of what it
/// shares with the host and how long one dispatch may run. Declared in GLSL as the
/// <c>RingKernelArguments</c> block of Shaders/ringkernel_ring.glsl; a kernel's own push constants
/// follow from byte <see cref="Size"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct RingKernelDispatchArguments
{
    public const int Size = 56;

    /// <summary>Bit of <see cref="Flags"/>: input messages must carry a valid CRC-32C.</summary>
    public const uint InputChecksummed = 1;

    /// <summary>Bit of <see cref="Flags"/>: replies carry a CRC-32C.</summary>
    public const uint OutputChecksummed = 2;

    /// <summary>Bit of <see cref="Flags"/>: K2K messages carry a CRC-32C, checked on receipt.</summary>
    public const uint K2KChecksummed = 4;

    [FieldOffset(0)] public ulong ControlBlock;
    [FieldOffset(8)] public ulong InputRing;
    [FieldOffset(16)] public ulong OutputRing;
    /// <summary>The K2K routing table; 0 when the kernel has no endpoint.</summary>
    [FieldOffset(24)] public ulong Routes;
    /// <summary>26 inbox ring addresses (0 where there is no inbox); 0 when the kernel has no endpoint.</summary>
    [FieldOffset(32)] public ulong Inboxes;
    /// <summary>Idle polls before the dispatch returns; 0 for event-driven dispatches.</summary>
    [FieldOffset(40)] public uint PollIterations;
    [FieldOffset(44)] public uint MaxMessages;
    [FieldOffset(48)] public uint Flags;
    [FieldOffset(52)] public uint Reserved;
}
