using System.Runtime.InteropServices;

namespace RingKernel.Actors.Mailboxes;

/// <summary>A 64-bit counter with 128 bytes of padding on either side, so producers hammering it do not slow the consumer's fields.</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct PaddedLong
{
    [FieldOffset(128)]
    public long Value;
}
