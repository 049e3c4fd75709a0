// K2K routing tables and SPSC inbox rings as device code reads and writes them, by the device
// addresses K2KFabric puts in each RouteEntry.InboxAddress (GL_EXT_buffer_reference). The ring's
// protocol is the host's (RingKernel.Rings.SlotRing / K2KRoute): the producer writes a slot (the
// MessageHeader with the route's next sequence number, then the payload), then publishes its Tail;
// the consumer checks each message's sequence number, reads it, then publishes its Head. Each side
// writes only its own cursor. Include after ringkernel_layouts.glsl.
//
// Vulkan gives no forward-progress guarantee across workgroups, so nothing here waits: a producer
// finding the ring full, or a consumer finding it short, reports the fault instead. Messages
// published in one dispatch are read in a later one; the pipeline barrier between the two
// dispatches orders the producer's writes before the consumer's reads.
#ifndef RINGKERNEL_HALO_INBOX_GLSL
#define RINGKERNEL_HALO_INBOX_GLSL
#extension GL_EXT_buffer_reference : require

const uint K2K_ROUTES = 26u;

layout(buffer_reference, std430, buffer_reference_align = 32) coherent buffer K2KRoutingTable { RouteEntry entries[K2K_ROUTES]; };
layout(buffer_reference, std430, buffer_reference_align = 64) coherent buffer K2KInbox { RingHeader header; uint words[]; };

// The first word (index into K2KInbox.words) of the slot at free-running position `position`.
uint k2kSlotWord(K2KInbox inbox, uint64_t position)
{
    return uint(position & uint64_t(inbox.header.Capacity - 1u)) * (inbox.header.SlotSize / 4u);
}

// The word of the payload (after the 64-byte MessageHeader) at byte `offset` in the slot at `slot`.
uint k2kPayloadWord(uint slot, uint offset)
{
    return slot + (RINGKERNEL_MESSAGE_HEADER_SIZE + offset) / 4u;
}

uint64_t k2kReadU64(K2KInbox inbox, uint word)
{
    return uint64_t(inbox.words[word]) | (uint64_t(inbox.words[word + 1u]) << 32);
}

void k2kWriteU64(K2KInbox inbox, uint word, uint64_t value)
{
    inbox.words[word] = uint(value);
    inbox.words[word + 1u] = uint(value >> 32);
}

// Writes the MessageHeader of a message in the slot at `slot`: its sequence number as MessageId,
// no checksum (the fabric is created unchecksummed for device senders), no timestamp.
void k2kWriteMessageHeader(K2KInbox inbox, uint slot, uint64_t sequence, uint typeId, uint source, uint destination, uint payloadSize)
{
    k2kWriteU64(inbox, slot + RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET / 4u, sequence);
    k2kWriteU64(inbox, slot + RINGKERNEL_MESSAGE_HEADER_CORRELATION_ID_OFFSET / 4u, 0ul);
    k2kWriteU64(inbox, slot + RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_OFFSET / 4u, 0ul);
    k2kWriteU64(inbox, slot + RINGKERNEL_MESSAGE_HEADER_DEADLINE_OFFSET / 4u, 0ul);
    inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_TYPE_ID_OFFSET / 4u] = typeId;
    inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_SOURCE_ID_OFFSET / 4u] = source;
    inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_DESTINATION_ID_OFFSET / 4u] = destination;
    inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET / 4u] = payloadSize;
    inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_CHECKSUM_OFFSET / 4u] = 0u;
    inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_FLAGS_OFFSET / 4u] = RINGKERNEL_MESSAGE_FLAGS_NONE;
    inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_NODE_OFFSET / 4u] = 0u;
    inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_RESERVED_OFFSET / 4u] = 0u;
}

#endif // RINGKERNEL_HALO_INBOX_GLSL
