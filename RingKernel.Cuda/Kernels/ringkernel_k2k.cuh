// Device K2K: kernel-to-kernel messages without the host. An inbox is a single-producer slot ring
// (RingHeader, then slots) in device memory, written by exactly one sender through its RouteEntry
// (InboxAddress, the sender's private NextSequence, geometry) and read by one receiver. Same
// protocol as the host rings: full check before the write, the slot written before Tail is
// released, the slot read before Head is released; GPU-scope ordering (both sides are blocks).
#pragma once
#include "ringkernel_device.cuh"

/// Sender: copies bytes into the route's inbox and publishes it; false while the inbox is full.
static __device__ inline bool rk_k2k_try_send(RouteEntry* route, const void* message, rk_u32 bytes)
{
    RingHeader* inbox = (RingHeader*)route->InboxAddress;
    rk_u64 position = route->NextSequence;
    rk_u64 head = rk_load_acquire_gpu(&inbox->Head);
    if (position - head >= (rk_u64)route->InboxCapacity)
        return false;
    rk_u8* slot = (rk_u8*)(inbox + 1) + (position & ((rk_u64)route->InboxCapacity - 1ull)) * (rk_u64)route->InboxSlotSize;
    const rk_u8* source = (const rk_u8*)message;
    for (rk_u32 i = 0; i < bytes; i++)
        slot[i] = source[i];
    rk_store_release_gpu(&inbox->Tail, position + 1ull);
    route->NextSequence = position + 1ull;
    return true;
}

/// Receiver: the oldest unread slot of inbox, or null when empty. Release it with rk_k2k_release
/// after reading it (never before: the sender would overwrite it).
static __device__ inline const rk_u8* rk_k2k_peek(RingHeader* inbox)
{
    rk_u64 head = inbox->Head;
    if (rk_load_acquire_gpu(&inbox->Tail) == head)
        return (const rk_u8*)0;
    return (const rk_u8*)(inbox + 1) + (head & ((rk_u64)inbox->Capacity - 1ull)) * (rk_u64)inbox->SlotSize;
}

static __device__ inline void rk_k2k_release(RingHeader* inbox)
{
    rk_store_release_gpu(&inbox->Head, inbox->Head + 1ull);
}
