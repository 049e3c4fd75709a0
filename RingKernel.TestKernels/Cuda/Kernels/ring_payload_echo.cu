// The conformance suite's echo ring kernel (the twin of RingKernel.Vulkan's ring_echo.comp): replies
// to every message with its payload under the same type id. A message whose first 8 payload bytes
// hold -1 faults the kernel with KernelErrorCodes.BodyFault, unreplied and uncommitted, so a kernel
// relaunched over the same memory finds it first in the input ring.
#include "ringkernel_loop.cuh"
#include "ringkernel_k2k.cuh"

struct rk_payload_echo_handler
{
    __device__ int operator()(rk_kernel& k, const MessageHeader* request, const rk_u8* payload)
    {
        if (request->PayloadSize >= 8u && *(const long long*)payload == -1ll)
            return RK_FAULT;
        if (!rk_is_leader())
            return RK_HANDLED;
        // A payload the output ring's slots cannot hold is a fault, not a truncated reply.
        if (request->PayloadSize > k.output.slot_size - (rk_u32)sizeof(MessageHeader))
            return RK_FAULT;
        return rk_reply(k, request, request->TypeId, payload, request->PayloadSize) ? RK_HANDLED : RK_STOPPED;
    }
};

extern "C" __global__ void ring_payload_echo(ControlBlock* control, void* input, void* output, int checksummed_output,
                                             const rk_fabric_endpoint* k2k)
{
    rk_payload_echo_handler handler;
    rk_run_ring_kernel(control, input, output, checksummed_output != 0, handler);
}
