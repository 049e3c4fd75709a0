using System.Runtime.InteropServices;

namespace RingKernel.Kernels.Persistent;

/// <summary>
/// The payload of the reply a host sends in place of a kernel's for a message the kernel faulted on
/// (flags <see cref="Layouts.MessageFlags.Reply"/> | <see cref="Layouts.MessageFlags.Error"/>), so the
/// sender gets exactly one answer and the message is not retried for ever.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 8)]
public readonly record struct KernelFaultReply(uint ErrorCode)
{
    /// <summary>The type id <see cref="RingKernelMemory.Allocate"/> registers it under in every ring kernel's registry.</summary>
    public const uint TypeId = 0xFFFF_FF01;
}
