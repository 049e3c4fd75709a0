namespace RingKernel.Kernels.Actors;

/// <summary>
/// How a kernel actor's correlation ids say who waits for the reply. An id with the top bit clear was
/// given by the actor to a message from its mailbox (counting up from 1); an id with it set was given
/// by a <see cref="KernelRef{TRequest, TReply}"/> to an Ask written straight into the ring, and names
/// the reference's reply table, the slot in it and the slot's generation (so that a late reply to an
/// Ask that timed out is recognised as stale, not given to the slot's next Ask).
/// </summary>
internal static class KernelCorrelationIds
{
    public const ulong DirectBit = 1UL << 63;
    public const int MaxTables = 128;
    public const uint GenerationMask = 0xFF_FFFF;

    public static bool IsDirect(ulong id) => (id & DirectBit) != 0;

    public static ulong Direct(int table, uint generation, int slot) =>
        DirectBit | ((ulong)(uint)table << 56) | ((ulong)(generation & GenerationMask) << 32) | (uint)slot;

    public static int Table(ulong id) => (int)((id >> 56) & 0x7F);

    public static uint Generation(ulong id) => (uint)(id >> 32) & GenerationMask;

    public static int Slot(ulong id) => (int)(uint)id;
}
