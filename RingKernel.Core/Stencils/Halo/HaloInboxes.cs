using System.Numerics;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Stencils.Halo;

/// <summary>What the inboxes of a halo exchange's K2K fabric carry, and how many chunks they hold.</summary>
public static class HaloInboxes
{
    /// <summary>The message types of a halo fabric's inboxes: <see cref="HaloChunk.TypeId"/> as variable-length payloads in <see cref="HaloChunk.InboxSlotSize"/>-byte slots.</summary>
    public static MessageTypeRegistry CreateTypes() => new MessageTypeRegistry(HaloChunk.InboxSlotSize - MessageHeader.Size).RegisterBytes(HaloChunk.TypeId);

    /// <summary>The fewest inbox slots, a power of two of at least 2, that hold <paramref name="strips"/> of the longest strip (in chunks of <paramref name="chunkElements"/> floats) any of <paramref name="tiles"/> sends.</summary>
    public static int Capacity(IReadOnlyList<StencilTile> tiles, int chunkElements, int strips)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentOutOfRangeException.ThrowIfLessThan(strips, 1);
        long chunks = (long)strips * tiles.Max(tile => tile.LongestStripChunks(chunkElements));
        return (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(SlotRing.MinCapacity, chunks));
    }
}
