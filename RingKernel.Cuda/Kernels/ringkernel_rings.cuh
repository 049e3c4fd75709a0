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
