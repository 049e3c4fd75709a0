// The persistent ring-kernel loop: the device twin of RingKernel.Core's RingKernelContext, over
// the same control block and rings. One block runs it. Thread 0 alone touches cursors and the
// control block; the block learns of each message through shared memory, every thread runs the
// handler, and all threads reach every barrier (no barrier after a divergent exit).
//
// Commands: the host writes Command, then CommandEpoch; the kernel acts on the latest command when
// the epoch moves and writes the epoch back to AcknowledgedEpoch. Consumption: a message is
// committed only after it was handled, in batches, so a kernel that faults or is terminated leaves
// every unhandled message in the input ring. Idle: poll, then back off with __nanosleep.
#pragma once
#include "ringkernel_rings.cuh"

// Values of ControlBlock.LastError (KernelErrorCodes).
static constexpr rk_u32 RK_ERROR_BODY_FAULT = 1u;
static constexpr rk_u32 RK_ERROR_REJECTED_MESSAGE = 2u;

// Messages completed before the kernel commits them and publishes progress.
static constexpr rk_u32 RK_COMMIT_BATCH = 32u;
// Longest idle back-off: bounds the latency of the first message after a quiet spell.
static constexpr rk_u32 RK_MAX_IDLE_SLEEP_NS = 2000u;

/// Thread 0's view of one ring kernel; handlers send replies through it.
struct rk_kernel
{
    ControlBlock* control;
    rk_ring input;
    rk_ring output;
    rk_u64 read_position;   // next input position to hand out
    rk_u64 commit_position; // first input position not yet committed
    rk_u64 write_position;  // next output position
    rk_u64 processed;       // handled since the last flush
    rk_u64 sent;            // sent since the last flush
    rk_u64 message_ids;     // message ids this instance stamped
    rk_u32 acknowledged;
    bool checksummed;       // whether replies carry a CRC-32C (the host's output MessageRing checks it)
    bool active;
    bool terminating;
};

/// Thread 0: opens the kernel's rings where the host left them, with nothing processed or sent yet by
/// this instance; its caller sets active and acknowledged.
static __device__ inline void rk_kernel_open(rk_kernel& k, ControlBlock* control, void* input, void* output, bool checksummed_output)
{
    k.control = control;
    k.input = rk_ring_open(input);
    k.output = rk_ring_open(output);
    k.read_position = rk_load_acquire_sys(&k.input.header->Head);
    k.commit_position = k.read_position;
    k.write_position = k.output.header->Tail;
    k.processed = 0;
    k.sent = 0;
    k.message_ids = control->MessagesSent;
    k.checksummed = checksummed_output;
    k.terminating = false;
}

// What a handler returns.
static constexpr int RK_HANDLED = 0;  // the message is done; it will be committed
static constexpr int RK_FAULT = 1;    // the kernel faults; the message stays in the input ring
static constexpr int RK_STOPPED = 2;  // terminated while sending (thread 0 only); the message stays

static __device__ inline void rk_store_status(rk_kernel& k, rk_u32 status)
{
    rk_store_release_sys32(&k.control->Status, status);
}

static __device__ inline void rk_report_error(rk_kernel& k, rk_u32 code)
{
    rk_store_release_sys32(&k.control->LastError, code);
    rk_store_release_sys32(&k.control->ErrorCount, k.control->ErrorCount + 1u);
}

/// Commits handled messages and publishes progress: counts, then the heartbeat.
static __device__ inline void rk_flush(rk_kernel& k)
{
    rk_u64 completed = k.read_position - k.commit_position;
    if (completed > 0)
    {
        rk_mpsc_release(k.input, k.commit_position, (rk_u32)completed);
        k.commit_position = k.read_position;
    }
    ControlBlock* c = k.control;
    rk_store_release_sys(&c->MessagesProcessed, c->MessagesProcessed + k.processed);
    rk_store_release_sys(&c->MessagesSent, c->MessagesSent + k.sent);
    k.processed = 0;
    k.sent = 0;
    rk_store_release_sys(&c->Heartbeat, c->Heartbeat + 1ull);
}

/// Acts on the latest command; false when it is terminate (acknowledged at exit).
static __device__ inline bool rk_apply_command(rk_kernel& k)
{
    rk_u32 epoch = rk_load_acquire_sys32(&k.control->CommandEpoch);
    rk_u32 command = rk_load_acquire_sys32(&k.control->Command);
    rk_flush(k);
    if ((command & RINGKERNEL_KERNEL_COMMAND_TERMINATE) != 0u)
    {
        k.terminating = true;
        k.acknowledged = epoch;
        return false;
    }
    k.active = (command & RINGKERNEL_KERNEL_COMMAND_ACTIVE) != 0u;
    rk_store_status(k, k.active ? RINGKERNEL_KERNEL_STATUS_RUNNING : RINGKERNEL_KERNEL_STATUS_IDLE);
    k.acknowledged = epoch;
    rk_store_release_sys32(&k.control->AcknowledgedEpoch, epoch);
    return true;
}

/// Whether the slot holds a message this kernel accepts: a known size and, when the message is
/// checksummed, a matching CRC-32C (MessageRing's validation).
static __device__ inline bool rk_valid_message(const rk_kernel& k, const rk_u8* slot)
{
    return rk_message_valid(slot, k.input.slot_size, false);
}

/// Thread 0: the next message to handle, or null when the kernel must leave its loop.
static __device__ inline const rk_u8* rk_receive(rk_kernel& k)
{
    rk_u32 delay = 32u;
    while (true)
    {
        if (rk_load_acquire_sys32(&k.control->CommandEpoch) != k.acknowledged && !rk_apply_command(k))
            return (const rk_u8*)0;
        if (k.active && rk_mpsc_readable(k.input, k.read_position))
        {
            const rk_u8* slot = rk_ring_slot(k.input, k.read_position);
            if (rk_valid_message(k, slot))
                return slot;
            rk_report_error(k, RK_ERROR_REJECTED_MESSAGE);
            k.read_position++;
            continue;
        }
        // Nothing to do: commit what was handled, so the host sees progress, then back off.
        if (k.read_position != k.commit_position || k.processed != 0 || k.sent != 0)
            rk_flush(k);
        delay = rk_backoff(delay, RK_MAX_IDLE_SLEEP_NS);
    }
}

/// Thread 0: the message in hand was handled.
static __device__ inline void rk_complete(rk_kernel& k)
{
    k.read_position++;
    k.processed++;
    if (k.read_position - k.commit_position >= RK_COMMIT_BATCH)
        rk_flush(k);
}

/// Thread 0: whether the host has posted terminate, for a handler that waits (for room, for a
/// message) and must let a kernel being terminated end.
static __device__ inline bool rk_terminate_posted(const rk_kernel& k)
{
    return (rk_load_acquire_sys32(&k.control->Command) & RINGKERNEL_KERNEL_COMMAND_TERMINATE) != 0u;
}

/// Thread 0: waits while the output ring is full; false when the host terminated the kernel
/// meanwhile. Thread 0 is the ring's only producer, so the room stays: a handler that waits for it
/// first can act (send K2K, take from an inbox) knowing its reply will not wait.
static __device__ inline bool rk_wait_for_output_room(rk_kernel& k)
{
    rk_u32 delay = 32u;
    while (rk_spsc_try_claim(k.output, k.write_position) == (rk_u8*)0)
    {
        if (rk_terminate_posted(k))
            return false;
        delay = rk_backoff(delay, RK_MAX_IDLE_SLEEP_NS);
    }
    return true;
}

/// Thread 0: publishes a message of type_id on the output ring, waiting while it is full (output
/// is never dropped); false when the host terminated the kernel meanwhile. Fills message id,
/// source, type, size, timestamp and checksum, as MessageRing does on the host.
static __device__ inline bool rk_send(rk_kernel& k, rk_u32 type_id, const void* payload, rk_u32 payload_size,
                               rk_u64 correlation_id, rk_u32 destination_id, rk_u32 flags)
{
    if (!rk_wait_for_output_room(k))
        return false;
    rk_u8* slot = rk_spsc_try_claim(k.output, k.write_position);
    MessageHeader h;
    h.MessageId = ++k.message_ids;
    h.CorrelationId = correlation_id;
    h.Timestamp = k.control->HostClock;
    h.Deadline = 0ull;
    h.TypeId = type_id;
    h.SourceId = k.control->KernelId;
    h.DestinationId = destination_id;
    h.PayloadSize = payload_size;
    h.Checksum = 0u;
    h.Flags = flags;
    h.TimestampNode = k.control->ClockNode;
    h.Reserved = 0u;
    rk_write_message(slot, k.output.slot_size, h, payload, k.checksummed);
    rk_spsc_publish(k.output, k.write_position);
    k.write_position++;
    k.sent++;
    return true;
}

/// Thread 0: sends the reply to request (same correlation id, addressed to its sender).
static __device__ inline bool rk_reply(rk_kernel& k, const MessageHeader* request, rk_u32 type_id, const void* payload, rk_u32 payload_size)
{
    return rk_send(k, type_id, payload, payload_size, request->CorrelationId, request->SourceId, RINGKERNEL_MESSAGE_FLAGS_REPLY);
}

// Shared states thread 0 hands the block.
static constexpr int RK_STATE_MESSAGE = 1;
static constexpr int RK_STATE_EXIT = 0;

/// Runs the loop. Handler: a type with
///   __device__ int operator()(rk_kernel& k, const MessageHeader* request, const rk_u8* payload)
/// called by every thread of the block (k is meaningful in thread 0 only, which alone may send),
/// returning RK_HANDLED, RK_FAULT (any thread: the kernel faults on this message, which stays in
/// the input ring) or RK_STOPPED (thread 0, when rk_send reported a terminate). Returns when
/// terminated or faulted, after reporting the final status.
template <typename Handler>
static __device__ inline void rk_run_ring_kernel(ControlBlock* control, void* input, void* output, bool checksummed_output, Handler& handler)
{
    __shared__ rk_kernel k;
    __shared__ const rk_u8* s_slot;
    __shared__ int s_stopped;
    if (rk_is_leader())
    {
        rk_kernel_open(k, control, input, output, checksummed_output);
        k.active = false;
        // The first receive applies the command the host posted before the launch.
        k.acknowledged = rk_load_acquire_sys32(&control->CommandEpoch) - 1u;
        rk_store_status(k, RINGKERNEL_KERNEL_STATUS_IDLE);
    }
    bool faulted = false;
    while (true)
    {
        if (rk_is_leader())
        {
            s_slot = rk_receive(k);
            s_stopped = s_slot == (const rk_u8*)0 ? 1 : 0;
        }
        __syncthreads();
        if (s_stopped != 0)
            break;
        const MessageHeader* request = (const MessageHeader*)s_slot;
        int outcome = handler(k, request, s_slot + sizeof(MessageHeader));
        if (rk_is_leader() && outcome == RK_STOPPED)
            s_stopped = 1;
        // Every thread reaches this barrier; it also tells all of them whether any thread faulted.
        faulted = __syncthreads_or(outcome == RK_FAULT ? 1 : 0) != 0;
        bool stop = faulted || s_stopped != 0;
        if (!stop && rk_is_leader())
            rk_complete(k);
        // Everyone has read the shared state before thread 0 overwrites it with the next message.
        __syncthreads();
        if (stop)
            break;
    }
    if (rk_is_leader())
    {
        rk_flush(k);
        if (faulted)
        {
            rk_report_error(k, RK_ERROR_BODY_FAULT);
            rk_store_status(k, RINGKERNEL_KERNEL_STATUS_FAULTED);
        }
        else
        {
            rk_store_status(k, RINGKERNEL_KERNEL_STATUS_TERMINATED);
            rk_store_release_sys32(&k.control->AcknowledgedEpoch, rk_load_acquire_sys32(&k.control->CommandEpoch));
        }
        __threadfence_system();
    }
}
