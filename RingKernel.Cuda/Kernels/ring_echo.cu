// A ring kernel that answers each request with a transformed copy: the conformance and benchmark
// workhorse. Request payload: a 64-bit value; reply (reply_type_id): value * 2 + 1, so a test can
// tell the reply from an echo. A request whose value equals poison faults the kernel (fault
// injection); the message then stays in the input ring for the next instance.
#include "ringkernel_loop.cuh"
#include "ringkernel_k2k.cuh"

struct rk_echo_handler
{
    rk_u32 reply_type_id;
    long long poison;
    bool has_poison;

    __device__ int operator()(rk_kernel& k, const MessageHeader* request, const rk_u8* payload)
    {
        long long value = *(const long long*)payload;
        if (has_poison && value == poison)
            return RK_FAULT;
        if (!rk_is_leader())
            return RK_HANDLED;
        long long reply = value * 2 + 1;
        return rk_reply(k, request, reply_type_id, &reply, (rk_u32)sizeof(reply)) ? RK_HANDLED : RK_STOPPED;
    }
};

extern "C" __global__ void ring_echo(ControlBlock* control, void* input, void* output, int checksummed_output,
                                     const rk_fabric_endpoint* k2k, rk_u32 reply_type_id, long long poison, int has_poison)
{
    rk_echo_handler handler;
    handler.reply_type_id = reply_type_id;
    handler.poison = poison;
    handler.has_poison = has_poison != 0;
    rk_run_ring_kernel(control, input, output, checksummed_output != 0, handler);
}

// The launch-per-message baseline of the round-trip benchmark: one launch handles the messages
// readable now with the same handler, then returns (the host synchronises after each launch).
extern "C" __global__ void ring_echo_once(ControlBlock* control, void* input, void* output, int checksummed_output, rk_u32 reply_type_id)
{
    if (!rk_is_leader())
        return;
    rk_kernel k;
    rk_kernel_open(k, control, input, output, checksummed_output != 0);
    k.active = true;
    k.acknowledged = control->CommandEpoch;
    rk_echo_handler handler;
    handler.reply_type_id = reply_type_id;
    handler.has_poison = false;
    handler.poison = 0;
    while (rk_mpsc_readable(k.input, k.read_position))
    {
        const rk_u8* slot = rk_ring_slot(k.input, k.read_position);
        if (!rk_valid_message(k, slot))
        {
            rk_report_error(k, RK_ERROR_REJECTED_MESSAGE);
            k.read_position++;
            continue;
        }
        if (handler(k, (const MessageHeader*)slot, slot + sizeof(MessageHeader)) != RK_HANDLED)
            break;
        rk_complete(k);
    }
    rk_flush(k);
}
