using System.Runtime.InteropServices;

namespace RingKernel.Layouts;

/// <summary>
/// The per-kernel control block shared by host and device. The host block (0–127) is written only
/// by the host; the kernel block (128–255) only by the kernel, so a watchdog reading the heartbeat
/// never races a host command.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct ControlBlock
{
    public const int Size = 256;
    public const int HostBlockOffset = 0;
    public const int KernelBlockOffset = 128;

    // Host block.
    /// <summary>What the host asks of the kernel: <see cref="KernelCommand"/> bits.</summary>
    [FieldOffset(0)] public KernelCommand Command;
    [FieldOffset(4)] public uint KernelId;
    /// <summary>Host-synchronised clock (packed HLC) the device reads for its timestamps.</summary>
    [FieldOffset(8)] public ulong HostClock;
    /// <summary>Node id the device stamps on messages it produces.</summary>
    [FieldOffset(16)] public uint ClockNode;
    /// <summary>Incremented by the host each time it changes <see cref="Command"/>, so a kernel can wait on one word.</summary>
    [FieldOffset(20)] public uint CommandEpoch;

    // Kernel block.
    /// <summary>Written by the kernel as it makes progress; never by the host.</summary>
    [FieldOffset(128)] public ulong Heartbeat;
    [FieldOffset(136)] public ulong MessagesProcessed;
    [FieldOffset(144)] public ulong MessagesSent;
    /// <summary>Packed HLC state of the kernel's own clock.</summary>
    [FieldOffset(152)] public ulong KernelClock;
    [FieldOffset(160)] public KernelStatus Status;
    /// <summary>Last error code the kernel reported; 0 when none.</summary>
    [FieldOffset(164)] public uint LastError;
    [FieldOffset(168)] public uint ErrorCount;
    /// <summary>The last <see cref="CommandEpoch"/> the kernel acted on.</summary>
    [FieldOffset(172)] public uint AcknowledgedEpoch;
}
