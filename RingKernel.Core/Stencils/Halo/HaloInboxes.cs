using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Stencils.Halo;

/// <summary>What the inboxes of a halo exchange's K2K fabric carry.</summary>
public static class HaloInboxes
{
    /// <summary>The message types of a halo fabric's inboxes: <see cref="HaloChunk.TypeId"/> as variable-length payloads in <see cref="HaloChunk.InboxSlotSize"/>-byte slots.</summary>
    public static MessageTypeRegistry CreateTypes() => new MessageTypeRegistry(HaloChunk.InboxSlotSize - MessageHeader.Size).RegisterBytes(HaloChunk.TypeId);
}
