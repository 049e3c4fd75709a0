#version 450
// Ring kernel: replies to every message with its payload, under the same type id. A message whose
// first 8 payload bytes hold -1 faults the kernel with KernelErrorCodes.BodyFault, unreplied and
// uncommitted (the conformance suite's poison message, as TestKernels.Echo throws on the CPU).
#extension GL_GOOGLE_include_directive : require
#include "ringkernel_ring.glsl"

uint ringkernel_handle(uint64_t request, uint64_t reply)
{
    uint size = rk_load32(request + RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET);
    uint64_t payload = request + RINGKERNEL_MESSAGE_HEADER_SIZE;
    if (size >= 8u && rk_load64(payload) == 0xFFFFFFFFFFFFFFFFul)
        return RK_ERROR_BODY_FAULT;

    for (uint offset = 0u; offset < size; offset += 4u)
        rk_store32(reply + RINGKERNEL_MESSAGE_HEADER_SIZE + offset, rk_load32(payload + offset));
    rk_reply(rk_load32(request + RINGKERNEL_MESSAGE_HEADER_TYPE_ID_OFFSET), size);
    return RK_HANDLED;
}
