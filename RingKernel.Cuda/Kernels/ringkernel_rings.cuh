// The device side of RingKernel.Core's slot rings (SlotRing, MpscRing, SpscRing), same memory,
// same protocol: a RingHeader, then (multi-producer rings) Capacity 64-bit slot sequence numbers,
// then Capacity slots. Cursors are free-running; a slot's index is position & (Capacity - 1).
// Each side writes only its own cursor, with a release store after the slot; the other side reads
// it with an acquire load.
#pragma once
#include "ringkernel_device.cuh"

struct rk_ring
{
    RingHeader* header;
    rk_u64* sequences; // multi-producer rings only; null otherwise
    rk_u8* slots;
    rk_u64 mask;
    rk_u32 slot_size;
    rk_u32 capacity;
};

static __device__ inline rk_ring rk_ring_open(void* base)
{
    rk_ring ring;
    ring.header = (RingHeader*)base;
    ring.capacity = ring.header->Capacity;
    ring.slot_size = ring.header->SlotSize;
    ring.mask = (rk_u64)ring.capacity - 1ull;
    bool multi = ring.header->Kind == RINGKERNEL_RING_KIND_MULTI_PRODUCER;
    rk_u8* after_header = (rk_u8*)base + sizeof(RingHeader);
    ring.sequences = multi ? (rk_u64*)after_header : (rk_u64*)0;
    ring.slots = multi ? after_header + (rk_u64)ring.capacity * sizeof(rk_u64) : after_header;
    return ring;
}

static __device__ __forceinline__ rk_u8* rk_ring_slot(const rk_ring& ring, rk_u64 position)
{
    return ring.slots + (position & ring.mask) * (rk_u64)ring.slot_size;
}

// ---- consumer of a multi-producer ring (the host's input ring), Vyukov sequences ----

/// True when the producer of position has published its slot (sequence == position + 1).
static __device__ __forceinline__ bool rk_mpsc_readable(const rk_ring& ring, rk_u64 position)
{
    return rk_load_acquire_sys(&ring.sequences[position & ring.mask]) == position + 1ull;
}

/// Commits count slots from first: each slot is free for the next lap (sequence = position +
/// Capacity), then Head advances; the host's producers read both.
static __device__ inline void rk_mpsc_release(const rk_ring& ring, rk_u64 first, rk_u32 count)
{
    for (rk_u32 i = 0; i < count; i++)
    {
        rk_u64 position = first + i;
        rk_store_release_sys(&ring.sequences[position & ring.mask], position + (rk_u64)ring.capacity);
    }
    rk_store_release_sys(&ring.header->Head, first + count);
}

// ---- producer of a single-producer ring (the kernel's output ring) ----

/// The slot for position, or null while the ring is full (the host has not committed position - Capacity).
static __device__ inline rk_u8* rk_spsc_try_claim(const rk_ring& ring, rk_u64 position)
{
    rk_u64 head = rk_load_acquire_sys(&ring.header->Head);
    if (position - head >= (rk_u64)ring.capacity)
        return (rk_u8*)0;
    return rk_ring_slot(ring, position);
}

static __device__ __forceinline__ void rk_spsc_publish(const rk_ring& ring, rk_u64 position)
{
    rk_store_release_sys(&ring.header->Tail, position + 1ull);
}

// ---- consumer of a single-producer ring (a K2K inbox the host or another kernel fills) ----

/// True when the producer has published position (Tail is past it).
static __device__ __forceinline__ bool rk_spsc_readable(const rk_ring& ring, rk_u64 position)
{
    return rk_load_acquire_sys(&ring.header->Tail) > position;
}

/// Frees the slot of position, once it has been read, for the producer.
static __device__ __forceinline__ void rk_spsc_release(const rk_ring& ring, rk_u64 position)
{
    rk_store_release_sys(&ring.header->Head, position + 1ull);
}

// ---- messages in slots (MessageRing's format: a MessageHeader, then the payload) ----

/// Whether slot holds a message a ring of slot_size bytes accepts: a payload that fits and, when the
/// message is checksummed, a matching CRC-32C; checksum_required refuses an unchecksummed message
/// (MessageRing.Validate on a checksummed ring).
static __device__ inline bool rk_message_valid(const rk_u8* slot, rk_u32 slot_size, bool checksum_required)
{
    const MessageHeader* header = (const MessageHeader*)slot;
    if (header->PayloadSize > slot_size - (rk_u32)sizeof(MessageHeader))
        return false;
    if ((header->Flags & RINGKERNEL_MESSAGE_FLAGS_CHECKSUMMED) == 0u)
        return !checksum_required;
    return rk_message_checksum(header, slot + sizeof(MessageHeader)) == header->Checksum;
}

/// Writes a message into a slot of slot_size bytes: the payload (h.PayloadSize bytes), zeros to the
/// slot's end, then the header h with the Checksummed flag and, when checksummed, its CRC-32C.
static __device__ inline void rk_write_message(rk_u8* slot, rk_u32 slot_size, MessageHeader h, const void* payload, bool checksummed)
{
    rk_u8* body = slot + sizeof(MessageHeader);
    const rk_u8* source = (const rk_u8*)payload;
    for (rk_u32 i = 0; i < h.PayloadSize; i++)
        body[i] = source[i];
    for (rk_u32 i = h.PayloadSize; i < slot_size - (rk_u32)sizeof(MessageHeader); i++)
        body[i] = 0;
    h.Flags = checksummed ? (h.Flags | RINGKERNEL_MESSAGE_FLAGS_CHECKSUMMED) : (h.Flags & ~RINGKERNEL_MESSAGE_FLAGS_CHECKSUMMED);
    h.Checksum = checksummed ? rk_message_checksum(&h, body) : 0u;
    *(MessageHeader*)slot = h;
}
