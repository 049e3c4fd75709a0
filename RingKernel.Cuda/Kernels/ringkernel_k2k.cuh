// Device K2K: kernel-to-kernel messages without the host, through a K2KFabric's routing tables and
// inboxes. An inbox is a single-producer slot ring (RingHeader, then slots) written by exactly one
// sender through its RouteEntry and read by one receiver. The fabric formats rings and writes route
// entries through host pointers, so its memory is pinned host memory mapped into the device, shared
// with host endpoints: loads and stores are at system scope, with the host's message format: a
// MessageHeader stamped with the route's sequence number (from 1, advanced in the routing table only
// after the message is published), the sender's kernel id and the target's; the receiver checks each
// message carries the sequence after the last (Head + 1) and commits its slot only after reading it.
// Ring kernels (ring_k2k_relay.cu) and cooperative grids of blocks (halo_heat2d.cu) use the same helpers.
#pragma once
#include "ringkernel_rings.cuh"

static constexpr rk_u32 RK_K2K_ROUTES = 26u;

// Outcomes of fabric sends and receives (the values of the conformance relay's K2KOutcomeStatus).
static constexpr rk_u32 RK_K2K_OK = 0u;
static constexpr rk_u32 RK_K2K_NO_ROUTE = 1u;     // no such route in the table, or no such inbox
static constexpr rk_u32 RK_K2K_FULL = 2u;         // the receiver's inbox is full: nothing was sent
static constexpr rk_u32 RK_K2K_EMPTY = 3u;        // nothing to receive yet
static constexpr rk_u32 RK_K2K_SEQUENCE_GAP = 4u; // the next message is not the one after the last received; it stays
static constexpr rk_u32 RK_K2K_REJECTED = 5u;     // the next message failed validation; it was skipped

/// A kernel's K2K endpoint as the CUDA backend writes it (RingKernel.Cuda.K2K.CudaK2KBinding): for a ring
/// kernel in mapped host memory the host refreshes while the kernel runs; for the tiles of a
/// cooperative launch one per block, fixed for the launch.
struct rk_fabric_endpoint
{
    RouteEntry* routes;             // the kernel's routing table: RK_K2K_ROUTES entries, absent ones all zero
    rk_u32 checksummed;             // whether K2K messages carry a CRC-32C (K2KFabric.Checksummed)
    rk_u32 reserved;
    rk_u64 inboxes[RK_K2K_ROUTES];  // the inboxes this kernel consumes, by route; 0 where it has none
};

/// Sends payload (size bytes) as a message of type_id on route, from kernel source_id: its sequence
/// number in *sequence and the receiving kernel in *peer. RK_K2K_FULL, with nothing sent, while the
/// inbox is full; RK_K2K_NO_ROUTE when there is no such route.
static __device__ inline rk_u32 rk_fabric_send(const rk_fabric_endpoint* endpoint, rk_u32 route, rk_u32 source_id, rk_u32 type_id,
                                               const void* payload, rk_u32 size, rk_u64* sequence, rk_u32* peer)
{
    if (endpoint == (const rk_fabric_endpoint*)0 || route >= RK_K2K_ROUTES)
        return RK_K2K_NO_ROUTE;
    RouteEntry* entry = endpoint->routes + route;
    rk_u64 address = rk_load_acquire_sys(&entry->InboxAddress);
    if (address == 0ull)
        return RK_K2K_NO_ROUTE;
    rk_ring inbox = rk_ring_open((void*)address);
    // This kernel is the inbox's only producer: Tail is its own.
    rk_u64 position = inbox.header->Tail;
    rk_u8* slot = rk_spsc_try_claim(inbox, position);
    if (slot == (rk_u8*)0)
        return RK_K2K_FULL;
    MessageHeader h;
    h.MessageId = entry->NextSequence;
    h.CorrelationId = 0ull;
    h.Timestamp = 0ull;
    h.Deadline = 0ull;
    h.TypeId = type_id;
    h.SourceId = source_id;
    h.DestinationId = entry->TargetKernelId;
    h.PayloadSize = size;
    h.Checksum = 0u;
    h.Flags = RINGKERNEL_MESSAGE_FLAGS_NONE;
    h.TimestampNode = 0u;
    h.Reserved = 0u;
    rk_write_message(slot, inbox.slot_size, h, payload, endpoint->checksummed != 0u);
    rk_spsc_publish(inbox, position);
    rk_store_release_sys(&entry->NextSequence, h.MessageId + 1ull);
    *sequence = h.MessageId;
    *peer = h.DestinationId;
    return RK_K2K_OK;
}

/// The oldest message of the inbox on route, in *slot, left there until rk_fabric_commit:
/// RK_K2K_OK; RK_K2K_SEQUENCE_GAP (it stays; *slot shows it); RK_K2K_EMPTY; RK_K2K_NO_ROUTE;
/// RK_K2K_REJECTED (it failed validation and was skipped, so the next receive reports a gap).
static __device__ inline rk_u32 rk_fabric_peek(const rk_fabric_endpoint* endpoint, rk_u32 route, const rk_u8** slot)
{
    *slot = (const rk_u8*)0;
    if (endpoint == (const rk_fabric_endpoint*)0 || route >= RK_K2K_ROUTES)
        return RK_K2K_NO_ROUTE;
    rk_u64 address = rk_load_acquire_sys(&endpoint->inboxes[route]);
    if (address == 0ull)
        return RK_K2K_NO_ROUTE;
    rk_ring inbox = rk_ring_open((void*)address);
    // This kernel is the inbox's only consumer: Head is its own.
    rk_u64 head = inbox.header->Head;
    if (!rk_spsc_readable(inbox, head))
        return RK_K2K_EMPTY;
    const rk_u8* message = rk_ring_slot(inbox, head);
    if (!rk_message_valid(message, inbox.slot_size, endpoint->checksummed != 0u))
    {
        rk_spsc_release(inbox, head);
        return RK_K2K_REJECTED;
    }
    *slot = message;
    return ((const MessageHeader*)message)->MessageId == head + 1ull ? RK_K2K_OK : RK_K2K_SEQUENCE_GAP;
}

/// Frees the slot rk_fabric_peek returned, once it has been read.
static __device__ inline void rk_fabric_commit(const rk_fabric_endpoint* endpoint, rk_u32 route)
{
    rk_ring inbox = rk_ring_open((void*)endpoint->inboxes[route]);
    rk_spsc_release(inbox, inbox.header->Head);
}
