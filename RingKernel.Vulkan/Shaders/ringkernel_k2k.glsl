// Kernel-to-kernel messaging from a ring kernel's shader (include after ringkernel_ring.glsl): send on
// a route of the kernel's routing table (RingKernel.K2K.K2KFabric) into the receiver's inbox, and
// receive from the kernel's own inboxes, with the host's K2K protocol. An inbox is a single-producer
// ring: the sender claims the slot at Tail when Tail - Head < Capacity, writes it, publishes Tail, and
// only then advances the route's NextSequence; the receiver checks the message carries the sequence
// after the last it took (Head + 1: a route's sequences start at 1), reads it, and only then commits.
#ifndef RINGKERNEL_K2K_GLSL
#define RINGKERNEL_K2K_GLSL

const uint RK_K2K_ROUTES = 26u;

const uint RK_K2K_OK = 0u;
const uint RK_K2K_NO_ROUTE = 1u;        // the routing table has no such route (or no such inbox)
const uint RK_K2K_FULL = 2u;            // the receiver's inbox is full: try again later, nothing was sent
const uint RK_K2K_EMPTY = 3u;           // nothing to receive yet
const uint RK_K2K_SEQUENCE_GAP = 4u;    // the next message is not the one after the last received; it stays
const uint RK_K2K_REJECTED = 5u;        // the next message failed validation; it was skipped

uint64_t rk_route_entry(uint route)
{
    return rk.routes + uint64_t(route) * uint64_t(RINGKERNEL_ROUTE_ENTRY_SIZE);
}

uint64_t rk_route_inbox(uint route)
{
    if (rk.routes == 0ul || route >= RK_K2K_ROUTES)
        return 0ul;
    uint64_t inbox = rk_load64(rk_route_entry(route) + RINGKERNEL_ROUTE_ENTRY_INBOX_ADDRESS_OFFSET);
    rk_fence();
    return inbox;
}

// The slot the next message on route goes to, in slot; RK_K2K_NO_ROUTE or RK_K2K_FULL when there is none.
uint rk_k2k_claim(uint route, out uint64_t slot)
{
    slot = 0ul;
    uint64_t inbox = rk_route_inbox(route);
    if (inbox == 0ul)
        return RK_K2K_NO_ROUTE;
    RkRing ring = rk_ring(inbox);
    uint64_t tail = rk_load64(inbox + RINGKERNEL_RING_HEADER_TAIL_OFFSET);
    bool full = tail - rk_load64(inbox + RINGKERNEL_RING_HEADER_HEAD_OFFSET) >= uint64_t(ring.capacity);
    rk_fence();
    if (full)
        return RK_K2K_FULL;
    slot = rk_slot(ring, tail);
    return RK_K2K_OK;
}

// Publishes the message whose payload the caller wrote at slot + 64 (slot from rk_k2k_claim); returns its sequence number.
uint64_t rk_k2k_publish(uint route, uint64_t slot, uint typeId, uint payloadSize)
{
    uint64_t entry = rk_route_entry(route);
    uint64_t inbox = rk_route_inbox(route);
    uint64_t tail = rk_load64(inbox + RINGKERNEL_RING_HEADER_TAIL_OFFSET);
    uint64_t sequence = rk_load64(entry + RINGKERNEL_ROUTE_ENTRY_NEXT_SEQUENCE_OFFSET);
    rk_write_header(slot, sequence, 0ul, typeId, rk_kernel_id(),
        rk_load32(entry + RINGKERNEL_ROUTE_ENTRY_TARGET_KERNEL_ID_OFFSET), payloadSize, RINGKERNEL_MESSAGE_FLAGS_NONE,
        (rk.flags & RK_FLAG_K2K_CHECKSUMMED) != 0u);
    rk_fence();
    rk_store64(inbox + RINGKERNEL_RING_HEADER_TAIL_OFFSET, tail + 1ul);
    rk_store64(entry + RINGKERNEL_ROUTE_ENTRY_NEXT_SEQUENCE_OFFSET, sequence + 1ul);
    return sequence;
}

uint64_t rk_inbox(uint route)
{
    if (rk.inboxes == 0ul || route >= RK_K2K_ROUTES)
        return 0ul;
    return rk_load64(rk.inboxes + uint64_t(route) * 8ul);
}

// The oldest message in this kernel's inbox on route, in slot, left there until rk_k2k_commit.
uint rk_k2k_peek(uint route, out uint64_t slot)
{
    slot = 0ul;
    uint64_t inbox = rk_inbox(route);
    if (inbox == 0ul)
        return RK_K2K_NO_ROUTE;
    RkRing ring = rk_ring(inbox);
    uint64_t head = rk_load64(inbox + RINGKERNEL_RING_HEADER_HEAD_OFFSET);
    bool empty = rk_load64(inbox + RINGKERNEL_RING_HEADER_TAIL_OFFSET) == head;
    rk_fence();
    if (empty)
        return RK_K2K_EMPTY;
    slot = rk_slot(ring, head);
    if (!rk_message_valid(slot, ring.slotSize, (rk.flags & RK_FLAG_K2K_CHECKSUMMED) != 0u))
    {
        rk_fence();
        rk_store64(inbox + RINGKERNEL_RING_HEADER_HEAD_OFFSET, head + 1ul);
        return RK_K2K_REJECTED;
    }

    return rk_load64(slot + RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET) == head + 1ul ? RK_K2K_OK : RK_K2K_SEQUENCE_GAP;
}

// Returns the slot rk_k2k_peek gave to the sender, once the message has been read.
void rk_k2k_commit(uint route)
{
    uint64_t inbox = rk_inbox(route);
    uint64_t head = rk_load64(inbox + RINGKERNEL_RING_HEADER_HEAD_OFFSET);
    rk_fence();
    rk_store64(inbox + RINGKERNEL_RING_HEADER_HEAD_OFFSET, head + 1ul);
}
#endif
