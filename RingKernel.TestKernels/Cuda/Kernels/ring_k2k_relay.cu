// The conformance suite's K2K relay ring kernel (the twin of RingKernel.Vulkan's ring_k2k_relay.comp):
// sends and receives fabric K2K messages on the host's orders.
//   send    (send_type_id):    { int route; int pad; long value }  sends { long value } of value_type_id
//           on route, waiting while the receiver's inbox is full (nothing is dropped);
//   receive (receive_type_id): { int route; int pad; long unused }  takes the next message from the
//           inbox on route, waiting while it is empty.
// Each order is answered with an outcome (outcome_type_id):
//   { long value; ulong sequence; int route; uint peer; uint status; uint pad }
// status is an RK_K2K_* code: OK, NO_ROUTE (the order is consumed), SEQUENCE_GAP (the message stays in
// the inbox; sequence is the one it carries), REJECTED (a message that failed validation was skipped).
// Any other order faults the kernel. A wait ends when the host posts terminate, leaving the order in
// the input ring.
#include "ringkernel_loop.cuh"
#include "ringkernel_k2k.cuh"

struct rk_k2k_outcome
{
    long long value;
    rk_u64 sequence;
    rk_u32 route;
    rk_u32 peer;
    rk_u32 status;
    rk_u32 reserved;
};

struct rk_k2k_relay_handler
{
    const rk_fabric_endpoint* k2k;
    rk_u32 send_type_id;
    rk_u32 receive_type_id;
    rk_u32 outcome_type_id;
    rk_u32 value_type_id;

    __device__ int operator()(rk_kernel& k, const MessageHeader* request, const rk_u8* payload)
    {
        if (request->TypeId != send_type_id && request->TypeId != receive_type_id)
            return RK_FAULT;
        // Thread 0 acts; room for the outcome comes first, so an order is never carried out and then
        // left unanswered in the input ring by a terminate (a relaunch would carry it out again).
        if (!rk_is_leader())
            return RK_HANDLED;
        if (!rk_wait_for_output_room(k))
            return RK_STOPPED;
        rk_k2k_outcome outcome;
        outcome.value = 0;
        outcome.sequence = 0ull;
        outcome.route = *(const rk_u32*)payload;
        outcome.peer = 0u;
        outcome.reserved = 0u;
        rk_u32 delay = 32u;
        if (request->TypeId == send_type_id)
        {
            long long value = *(const long long*)(payload + 8);
            while ((outcome.status = rk_fabric_send(k2k, outcome.route, k.control->KernelId, value_type_id, &value, (rk_u32)sizeof(value),
                                                    &outcome.sequence, &outcome.peer)) == RK_K2K_FULL)
            {
                if (rk_terminate_posted(k))
                    return RK_STOPPED;
                delay = rk_backoff(delay, RK_MAX_IDLE_SLEEP_NS);
            }
            if (outcome.status == RK_K2K_OK)
                outcome.value = value;
            return rk_reply(k, request, outcome_type_id, &outcome, (rk_u32)sizeof(outcome)) ? RK_HANDLED : RK_STOPPED;
        }

        const rk_u8* slot;
        while ((outcome.status = rk_fabric_peek(k2k, outcome.route, &slot)) == RK_K2K_EMPTY)
        {
            if (rk_terminate_posted(k))
                return RK_STOPPED;
            delay = rk_backoff(delay, RK_MAX_IDLE_SLEEP_NS);
        }
        if (outcome.status == RK_K2K_OK || outcome.status == RK_K2K_SEQUENCE_GAP)
            outcome.sequence = ((const MessageHeader*)slot)->MessageId;
        if (outcome.status == RK_K2K_OK)
        {
            outcome.value = *(const long long*)(slot + sizeof(MessageHeader));
            outcome.peer = ((const MessageHeader*)slot)->SourceId;
        }
        bool replied = rk_reply(k, request, outcome_type_id, &outcome, (rk_u32)sizeof(outcome));
        // The message leaves the inbox only once its outcome is out.
        if (replied && outcome.status == RK_K2K_OK)
            rk_fabric_commit(k2k, outcome.route);
        return replied ? RK_HANDLED : RK_STOPPED;
    }
};

extern "C" __global__ void ring_k2k_relay(ControlBlock* control, void* input, void* output, int checksummed_output,
                                          const rk_fabric_endpoint* k2k, rk_u32 send_type_id, rk_u32 receive_type_id,
                                          rk_u32 outcome_type_id, rk_u32 value_type_id)
{
    rk_k2k_relay_handler handler;
    handler.k2k = k2k;
    handler.send_type_id = send_type_id;
    handler.receive_type_id = receive_type_id;
    handler.outcome_type_id = outcome_type_id;
    handler.value_type_id = value_type_id;
    rk_run_ring_kernel(control, input, output, checksummed_output != 0, handler);
}
