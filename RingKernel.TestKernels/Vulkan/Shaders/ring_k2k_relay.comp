#version 450
// Ring kernel that sends and receives K2K messages on the host's orders (RingKernel.Vulkan.RingKernels.K2KOrder):
//   send    (type id sendTypeId):    { int route; int pad; long value }  sends { long value } of
//           valueTypeId on route; waits while the inbox is full (backpressure: nothing is dropped);
//   receive (type id receiveTypeId): { int route; int pad; long unused }  takes the next message from
//           the inbox on route, waiting while it is empty.
// Each order is answered with an outcome (type id outcomeTypeId):
//   { long value; ulong sequence; int route; uint peer; uint status; uint pad }
// status is an RK_K2K_* code: OK, NO_ROUTE (clear error, the order is consumed), SEQUENCE_GAP (the
// message stays in the inbox; sequence is the one it carries). The type ids are push constants.
#extension GL_GOOGLE_include_directive : require
#define RINGKERNEL_USER_ARGUMENTS uint sendTypeId; uint receiveTypeId; uint outcomeTypeId; uint valueTypeId;
#include "ringkernel_ring.glsl"
#include "ringkernel_k2k.glsl"

void write_outcome(uint64_t reply, uint64_t value, uint64_t sequence, uint route, uint peer, uint status)
{
    uint64_t payload = reply + RINGKERNEL_MESSAGE_HEADER_SIZE;
    rk_store64(payload, value);
    rk_store64(payload + 8u, sequence);
    rk_store32(payload + 16u, route);
    rk_store32(payload + 20u, peer);
    rk_store32(payload + 24u, status);
    rk_store32(payload + 28u, 0u);
    rk_reply(rk.outcomeTypeId, 32u);
}

uint ringkernel_handle(uint64_t request, uint64_t reply)
{
    uint type = rk_load32(request + RINGKERNEL_MESSAGE_HEADER_TYPE_ID_OFFSET);
    uint64_t order = request + RINGKERNEL_MESSAGE_HEADER_SIZE;
    uint route = rk_load32(order);
    if (type == rk.sendTypeId)
    {
        uint64_t slot;
        uint status = rk_k2k_claim(route, slot);
        if (status == RK_K2K_FULL)
            return RK_RETRY;
        if (status != RK_K2K_OK)
        {
            write_outcome(reply, 0ul, 0ul, route, 0u, status);
            return RK_HANDLED;
        }

        uint64_t value = rk_load64(order + 8u);
        rk_store64(slot + RINGKERNEL_MESSAGE_HEADER_SIZE, value);
        uint peer = rk_load32(rk_route_entry(route) + RINGKERNEL_ROUTE_ENTRY_TARGET_KERNEL_ID_OFFSET);
        uint64_t sequence = rk_k2k_publish(route, slot, rk.valueTypeId, 8u);
        write_outcome(reply, value, sequence, route, peer, RK_K2K_OK);
        return RK_HANDLED;
    }

    if (type == rk.receiveTypeId)
    {
        uint64_t slot;
        uint status = rk_k2k_peek(route, slot);
        if (status == RK_K2K_EMPTY)
            return RK_RETRY;
        if (status == RK_K2K_OK)
        {
            write_outcome(reply, rk_load64(slot + RINGKERNEL_MESSAGE_HEADER_SIZE), rk_load64(slot + RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET),
                route, rk_load32(slot + RINGKERNEL_MESSAGE_HEADER_SOURCE_ID_OFFSET), RK_K2K_OK);
            rk_k2k_commit(route);
            return RK_HANDLED;
        }

        uint64_t sequence = status == RK_K2K_SEQUENCE_GAP ? rk_load64(slot + RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET) : 0ul;
        write_outcome(reply, 0ul, sequence, route, 0u, status);
        return RK_HANDLED;
    }

    return RK_ERROR_BODY_FAULT;
}
