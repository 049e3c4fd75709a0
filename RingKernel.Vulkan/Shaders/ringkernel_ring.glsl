// The device half of a RingKernel ring kernel (RingKernel.Vulkan/RingKernels/VulkanRingKernel): the
// loop that drains the input ring, hands each message to the including shader's ringkernel_handle,
// publishes its reply on the output ring, commits the message and reports progress in the control
// block. Include it, then define
//     uint ringkernel_handle(uint64_t request, uint64_t reply);
// (Before the include, a kernel may #define RINGKERNEL_USER_ARGUMENTS as members that extend the push-
// constant block from byte 56.) ringkernel_handle reads the request slot (header at request, payload at request + 64), may write one reply's
// payload at reply + 64 and call rk_reply, and returns RK_HANDLED, RK_RETRY (the message cannot be
// processed yet: it stays first in the ring, untouched, and the kernel comes back to it) or a non-zero
// error code, which faults the kernel without committing the message.
//
// Memory model: the rings and the control block are HOST_VISIBLE | HOST_COHERENT and reached through
// buffer device addresses; every access is coherent volatile, and rk_fence() orders them: after a load
// of the other side's cursor (acquire) and before a store of our own (release), as the host's
// Volatile.Read / Volatile.Write do. rk_fence is memoryBarrier() plus an atomic read-modify-write that
// changes nothing, which no compiler moves a load or a store across, whatever it makes of the barrier.
#ifndef RINGKERNEL_RING_GLSL
#define RINGKERNEL_RING_GLSL
#extension GL_EXT_buffer_reference : require
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#extension GL_GOOGLE_include_directive : require
#include "ringkernel_layouts.glsl"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

layout(buffer_reference, std430, buffer_reference_align = 8) coherent volatile buffer RkWord64 { uint64_t value; };
layout(buffer_reference, std430, buffer_reference_align = 4) coherent volatile buffer RkWord32 { uint value; };

// RingKernel.Vulkan.RingKernels.RingKernelDispatchArguments, byte for byte (56 bytes).
layout(push_constant, std430) uniform RingKernelArguments
{
    uint64_t control;       // 0: ControlBlock
    uint64_t inputRing;     // 8: multi-producer ring, the host produces
    uint64_t outputRing;    // 16: single-producer ring, this kernel produces
    uint64_t routes;        // 24: K2K routing table (26 RouteEntry), 0 without K2K
    uint64_t inboxes;       // 32: 26 inbox ring addresses (0 where absent), 0 without K2K
    uint pollIterations;    // 40: idle polls before returning; 0 = drain and return (event-driven)
    uint maxMessages;       // 44: most messages one dispatch processes
    uint flags;             // 48: RK_FLAG_* bits
    uint reserved;          // 52
#ifdef RINGKERNEL_USER_ARGUMENTS
    RINGKERNEL_USER_ARGUMENTS   // 56: the kernel's own push constants, up to byte 128
#endif
} rk;

const uint RK_FLAG_INPUT_CHECKSUMMED = 1u;
const uint RK_FLAG_OUTPUT_CHECKSUMMED = 2u;
const uint RK_FLAG_K2K_CHECKSUMMED = 4u;

const uint RK_HANDLED = 0u;
const uint RK_RETRY = 0xFFFFFFFFu;

// KernelErrorCodes
const uint RK_ERROR_BODY_FAULT = 1u;
const uint RK_ERROR_REJECTED_MESSAGE = 2u;

void rk_fence()
{
    memoryBarrier();
    // On a field only this kernel writes, so the read-modify-write cannot lose a host update.
    atomicAdd(RkWord32(rk.control + RINGKERNEL_CONTROL_BLOCK_ERROR_COUNT_OFFSET).value, 0u);
}

uint rk_load32(uint64_t address) { return RkWord32(address).value; }
uint64_t rk_load64(uint64_t address) { return RkWord64(address).value; }
void rk_store64(uint64_t address, uint64_t value) { RkWord64(address).value = value; }
void rk_store32(uint64_t address, uint value) { RkWord32(address).value = value; }

// A ring's geometry, read from its header.
struct RkRing
{
    uint64_t base;
    uint64_t slots;
    uint capacity;
    uint slotSize;
};

RkRing rk_ring(uint64_t base)
{
    RkRing ring;
    ring.base = base;
    ring.capacity = rk_load32(base + RINGKERNEL_RING_HEADER_CAPACITY_OFFSET);
    ring.slotSize = rk_load32(base + RINGKERNEL_RING_HEADER_SLOT_SIZE_OFFSET);
    bool multi = rk_load32(base + RINGKERNEL_RING_HEADER_KIND_OFFSET) == RINGKERNEL_RING_KIND_MULTI_PRODUCER;
    ring.slots = base + RINGKERNEL_RING_HEADER_SIZE + (multi ? uint64_t(ring.capacity) * 8ul : 0ul);
    return ring;
}

uint64_t rk_slot(RkRing ring, uint64_t position)
{
    return ring.slots + (position & uint64_t(ring.capacity - 1u)) * uint64_t(ring.slotSize);
}

// Vyukov sequence of the slot for position (multi-producer rings).
uint64_t rk_sequence_address(RkRing ring, uint64_t position)
{
    return ring.base + RINGKERNEL_RING_HEADER_SIZE + (position & uint64_t(ring.capacity - 1u)) * 8ul;
}

// CRC-32C (MessageChecksum), bit by bit: the header with its checksum field as zero, then the payload.
// Straight-line per byte, one loop iteration per word (see RK_LOOP_BUDGET).
uint rk_crc_byte(uint crc, uint value)
{
    crc ^= value & 0xFFu;
    crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    return crc;
}

uint rk_crc_u32(uint crc, uint word)
{
    crc = rk_crc_byte(crc, word);
    crc = rk_crc_byte(crc, word >> 8);
    crc = rk_crc_byte(crc, word >> 16);
    return rk_crc_byte(crc, word >> 24);
}

uint rk_checksum(uint64_t message)
{
    uint crc = 0xFFFFFFFFu;
    for (uint offset = 0u; offset < RINGKERNEL_MESSAGE_HEADER_SIZE; offset += 4u)
        crc = rk_crc_u32(crc, offset == RINGKERNEL_MESSAGE_HEADER_CHECKSUM_OFFSET ? 0u : rk_load32(message + offset));

    uint size = rk_load32(message + RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET);
    uint64_t payload = message + RINGKERNEL_MESSAGE_HEADER_SIZE;
    uint offset = 0u;
    for (; offset + 4u <= size; offset += 4u)
        crc = rk_crc_u32(crc, rk_load32(payload + offset));
    if (offset < size)
    {
        uint last = rk_load32(payload + offset);
        for (uint b = 0u; offset + b < size; b++)
            crc = rk_crc_byte(crc, last >> (8u * b));
    }

    return ~crc;
}

// A message a consumer may read: its payload fits the slot and, where required, its checksum holds.
bool rk_message_valid(uint64_t message, uint slotSize, bool checksummed)
{
    uint size = rk_load32(message + RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET);
    if (size > slotSize - RINGKERNEL_MESSAGE_HEADER_SIZE)
        return false;
    bool hasChecksum = (rk_load32(message + RINGKERNEL_MESSAGE_HEADER_FLAGS_OFFSET) & RINGKERNEL_MESSAGE_FLAGS_CHECKSUMMED) != 0u;
    if (checksummed && !hasChecksum)
        return false;
    return !hasChecksum || rk_checksum(message) == rk_load32(message + RINGKERNEL_MESSAGE_HEADER_CHECKSUM_OFFSET);
}

// Writes a message header (every field, so nothing of the slot's last lap survives) and its checksum.
void rk_write_header(uint64_t message, uint64_t messageId, uint64_t correlationId, uint typeId, uint sourceId, uint destinationId, uint payloadSize, uint flags, bool checksummed)
{
    rk_store64(message + RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET, messageId);
    rk_store64(message + RINGKERNEL_MESSAGE_HEADER_CORRELATION_ID_OFFSET, correlationId);
    rk_store64(message + RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_OFFSET, 0ul);
    rk_store64(message + RINGKERNEL_MESSAGE_HEADER_DEADLINE_OFFSET, 0ul);
    rk_store32(message + RINGKERNEL_MESSAGE_HEADER_TYPE_ID_OFFSET, typeId);
    rk_store32(message + RINGKERNEL_MESSAGE_HEADER_SOURCE_ID_OFFSET, sourceId);
    rk_store32(message + RINGKERNEL_MESSAGE_HEADER_DESTINATION_ID_OFFSET, destinationId);
    rk_store32(message + RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET, payloadSize);
    rk_store32(message + RINGKERNEL_MESSAGE_HEADER_CHECKSUM_OFFSET, 0u);
    rk_store32(message + RINGKERNEL_MESSAGE_HEADER_FLAGS_OFFSET, flags | (checksummed ? RINGKERNEL_MESSAGE_FLAGS_CHECKSUMMED : 0u));
    rk_store32(message + RINGKERNEL_MESSAGE_HEADER_TIMESTAMP_NODE_OFFSET, 0u);
    rk_store32(message + RINGKERNEL_MESSAGE_HEADER_RESERVED_OFFSET, 0u);
    if (checksummed)
        rk_store32(message + RINGKERNEL_MESSAGE_HEADER_CHECKSUM_OFFSET, rk_checksum(message));
}

uint rk_kernel_id()
{
    return rk_load32(rk.control + RINGKERNEL_CONTROL_BLOCK_KERNEL_ID_OFFSET);
}

void rk_count(uint offset)
{
    uint64_t address = rk.control + offset;
    rk_store64(address, rk_load64(address) + 1ul);
}

// The reply the handler asked for with rk_reply, published after it returns.
bool rk_replied;
uint rk_reply_type;
uint rk_reply_size;

// Called by ringkernel_handle once it has written payloadSize bytes of payload at reply + 64.
void rk_reply(uint typeId, uint payloadSize)
{
    rk_replied = true;
    rk_reply_type = typeId;
    rk_reply_size = payloadSize;
}

uint ringkernel_handle(uint64_t request, uint64_t reply);

// lavapipe (Mesa's gallivm) gives each shader invocation 65,535 loop iterations in total, over all its
// loops; past that every loop ends after one pass, silently (a checksum loop cut short, say). So a
// dispatch returns once it has spent RK_LOOP_BUDGET, counted with a wide margin: an idle poll costs
// RK_POLL_COST, a message RK_MESSAGE_COST
// plus its payload size in bytes (the checksum loops of the request and the reply, and a body that
// loops over its payload in words). A body must loop at most that much per message.
const uint RK_LOOP_BUDGET = 32768u;
const uint RK_MESSAGE_COST = 64u;
const uint RK_POLL_COST = 4u;

// What the last rk_step cost, in loop iterations.
uint rk_step_cost;

const uint RK_STEP_IDLE = 0u;
const uint RK_STEP_BLOCKED = 1u;
const uint RK_STEP_PROGRESS = 2u;
const uint RK_STEP_FAULTED = 3u;

// Returns the oldest input message's slot to producers: its sequence for the next lap, then Head.
void rk_commit_input(RkRing inputRing, uint64_t head)
{
    rk_fence();
    rk_store64(rk_sequence_address(inputRing, head), head + uint64_t(inputRing.capacity));
    rk_store64(inputRing.base + RINGKERNEL_RING_HEADER_HEAD_OFFSET, head + 1ul);
    rk_count(RINGKERNEL_CONTROL_BLOCK_HEARTBEAT_OFFSET);
}

void rk_report_error(uint code)
{
    rk_store32(rk.control + RINGKERNEL_CONTROL_BLOCK_LAST_ERROR_OFFSET, code);
    uint64_t errors = rk.control + RINGKERNEL_CONTROL_BLOCK_ERROR_COUNT_OFFSET;
    rk_store32(errors, rk_load32(errors) + 1u);
}

// Processes the oldest input message, if one is published and its reply has room.
uint rk_step(RkRing inputRing, RkRing outputRing)
{
    uint64_t head = rk_load64(inputRing.base + RINGKERNEL_RING_HEADER_HEAD_OFFSET);
    bool published = rk_load64(rk_sequence_address(inputRing, head)) == head + 1ul;
    rk_fence();
    if (!published)
        return RK_STEP_IDLE;

    uint64_t request = rk_slot(inputRing, head);
    rk_step_cost = RK_MESSAGE_COST + min(rk_load32(request + RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET), inputRing.slotSize);
    if (!rk_message_valid(request, inputRing.slotSize, (rk.flags & RK_FLAG_INPUT_CHECKSUMMED) != 0u))
    {
        // Skipped and counted, as the CPU kernel does, so it cannot block the ring.
        rk_report_error(RK_ERROR_REJECTED_MESSAGE);
        rk_commit_input(inputRing, head);
        return RK_STEP_PROGRESS;
    }

    uint64_t tail = rk_load64(outputRing.base + RINGKERNEL_RING_HEADER_TAIL_OFFSET);
    bool full = tail - rk_load64(outputRing.base + RINGKERNEL_RING_HEADER_HEAD_OFFSET) >= uint64_t(outputRing.capacity);
    rk_fence();
    if (full)
        return RK_STEP_BLOCKED;

    uint64_t reply = rk_slot(outputRing, tail);
    rk_replied = false;
    uint code = ringkernel_handle(request, reply);
    if (code == RK_RETRY)
        return RK_STEP_BLOCKED;
    if (code != RK_HANDLED)
    {
        // Not committed: the message stays first in the ring for a relaunched kernel.
        rk_report_error(code);
        rk_fence();
        rk_store32(rk.control + RINGKERNEL_CONTROL_BLOCK_STATUS_OFFSET, RINGKERNEL_KERNEL_STATUS_FAULTED);
        return RK_STEP_FAULTED;
    }

    if (rk_replied)
    {
        rk_write_header(reply, tail + 1ul,
            rk_load64(request + RINGKERNEL_MESSAGE_HEADER_CORRELATION_ID_OFFSET), rk_reply_type, rk_kernel_id(),
            rk_load32(request + RINGKERNEL_MESSAGE_HEADER_SOURCE_ID_OFFSET), rk_reply_size,
            RINGKERNEL_MESSAGE_FLAGS_REPLY, (rk.flags & RK_FLAG_OUTPUT_CHECKSUMMED) != 0u);
        rk_fence();
        rk_store64(outputRing.base + RINGKERNEL_RING_HEADER_TAIL_OFFSET, tail + 1ul);
        rk_count(RINGKERNEL_CONTROL_BLOCK_MESSAGES_SENT_OFFSET);
    }

    rk_count(RINGKERNEL_CONTROL_BLOCK_MESSAGES_PROCESSED_OFFSET);
    rk_commit_input(inputRing, head);
    return RK_STEP_PROGRESS;
}

void main()
{
    // One invocation claims and processes; the others of the workgroup have nothing to do.
    if (gl_LocalInvocationIndex != 0u || gl_WorkGroupID != uvec3(0u))
        return;

    RkRing inputRing = rk_ring(rk.inputRing);
    RkRing outputRing = rk_ring(rk.outputRing);
    uint processed = 0u;
    uint idle = 0u;
    uint spent = 0u;
    while (processed < rk.maxMessages && spent < RK_LOOP_BUDGET)
    {
        // The host writes the command, then the epoch: read in the other order.
        uint epoch = rk_load32(rk.control + RINGKERNEL_CONTROL_BLOCK_COMMAND_EPOCH_OFFSET);
        rk_fence();
        uint command = rk_load32(rk.control + RINGKERNEL_CONTROL_BLOCK_COMMAND_OFFSET);
        if ((command & RINGKERNEL_KERNEL_COMMAND_TERMINATE) != 0u)
            return; // The host driver reports Terminated once this dispatch has ended.

        bool consuming = (command & RINGKERNEL_KERNEL_COMMAND_ACTIVE) != 0u;
        if (epoch != rk_load32(rk.control + RINGKERNEL_CONTROL_BLOCK_ACKNOWLEDGED_EPOCH_OFFSET))
        {
            rk_store32(rk.control + RINGKERNEL_CONTROL_BLOCK_STATUS_OFFSET, consuming ? RINGKERNEL_KERNEL_STATUS_RUNNING : RINGKERNEL_KERNEL_STATUS_IDLE);
            rk_fence();
            rk_store32(rk.control + RINGKERNEL_CONTROL_BLOCK_ACKNOWLEDGED_EPOCH_OFFSET, epoch);
        }

        uint step = consuming ? rk_step(inputRing, outputRing) : RK_STEP_IDLE;
        if (step == RK_STEP_FAULTED)
            return;
        if (step == RK_STEP_PROGRESS)
        {
            spent += rk_step_cost;
            processed++;
            idle = 0u;
            continue;
        }

        // Nothing to do now: event-driven dispatches return at once, bounded persistent ones poll on.
        if (idle >= rk.pollIterations)
            return;
        idle++;
        spent += step == RK_STEP_BLOCKED ? rk_step_cost : RK_POLL_COST;
    }
}
#endif
