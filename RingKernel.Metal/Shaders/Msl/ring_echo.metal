// Translated by spirv-cross (--msl --msl-version 30000) from RingKernel.Vulkan/Shaders/Spirv/ring_echo.spv; do not edit.
// Regenerate: RINGKERNEL_UPDATE_MSL=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Metal.CommittedMslTests
#pragma clang diagnostic ignored "-Wmissing-prototypes"

#include <metal_stdlib>
#include <simd/simd.h>

using namespace metal;

struct RkWord32;
struct RkWord64;

struct RkRing
{
    ulong base;
    ulong slots;
    uint capacity;
    uint slotSize;
};

struct RingKernelArguments
{
    ulong control;
    ulong inputRing;
    ulong outputRing;
    ulong routes;
    ulong inboxes;
    uint pollIterations;
    uint maxMessages;
    uint flags;
    uint reserved;
};

struct RkWord32
{
    uint value;
};

struct RkWord64
{
    ulong value;
};

constant uint _1023_tmp [[function_constant(0)]];
constant uint _1023 = is_function_constant_defined(_1023_tmp) ? _1023_tmp : 1u;
constant uint _1024_tmp [[function_constant(1)]];
constant uint _1024 = is_function_constant_defined(_1024_tmp) ? _1024_tmp : 1u;
constant uint _1025_tmp [[function_constant(2)]];
constant uint _1025 = is_function_constant_defined(_1025_tmp) ? _1025_tmp : 1u;
constant uint3 gl_WorkGroupSize [[maybe_unused]] = uint3(_1023, _1024, _1025);

static inline __attribute__((always_inline))
uint rk_load32(thread const ulong& address)
{
    return (reinterpret_cast<device RkWord32*>(address))->value;
}

static inline __attribute__((always_inline))
RkRing rk_ring(thread const ulong& base)
{
    RkRing ring;
    ring.base = base;
    ulong param = base + 256ul;
    ring.capacity = rk_load32(param);
    ulong param_1 = base + 260ul;
    ring.slotSize = rk_load32(param_1);
    ulong param_2 = base + 264ul;
    bool multi = rk_load32(param_2) == 2u;
    ulong _179;
    if (multi)
    {
        _179 = ulong(ring.capacity) * 8ul;
    }
    else
    {
        _179 = 0ul;
    }
    ring.slots = (base + 384ul) + _179;
    return ring;
}

static inline __attribute__((always_inline))
void rk_fence(constant RingKernelArguments& rk)
{
    threadgroup_barrier(mem_flags::mem_device | mem_flags::mem_threadgroup | mem_flags::mem_texture);
}

static inline __attribute__((always_inline))
void rk_store32(thread const ulong& address, thread const uint& value)
{
    (reinterpret_cast<device RkWord32*>(address))->value = value;
}

static inline __attribute__((always_inline))
ulong rk_load64(thread const ulong& address)
{
    return (reinterpret_cast<device RkWord64*>(address))->value;
}

static inline __attribute__((always_inline))
ulong rk_sequence_address(thread const RkRing& ring, thread const ulong& position)
{
    return (ring.base + 384ul) + ((position & ulong(ring.capacity - 1u)) * 8ul);
}

static inline __attribute__((always_inline))
ulong rk_slot(thread const RkRing& ring, thread const ulong& position)
{
    return ring.slots + ((position & ulong(ring.capacity - 1u)) * ulong(ring.slotSize));
}

static inline __attribute__((always_inline))
uint rk_crc_byte(thread uint& crc, thread const uint& value)
{
    crc ^= (value & 255u);
    crc = (crc >> uint(1)) ^ (2197175160u & (0u - (crc & 1u)));
    crc = (crc >> uint(1)) ^ (2197175160u & (0u - (crc & 1u)));
    crc = (crc >> uint(1)) ^ (2197175160u & (0u - (crc & 1u)));
    crc = (crc >> uint(1)) ^ (2197175160u & (0u - (crc & 1u)));
    crc = (crc >> uint(1)) ^ (2197175160u & (0u - (crc & 1u)));
    crc = (crc >> uint(1)) ^ (2197175160u & (0u - (crc & 1u)));
    crc = (crc >> uint(1)) ^ (2197175160u & (0u - (crc & 1u)));
    crc = (crc >> uint(1)) ^ (2197175160u & (0u - (crc & 1u)));
    return crc;
}

static inline __attribute__((always_inline))
uint rk_crc_u32(thread uint& crc, thread const uint& word)
{
    uint param = crc;
    uint param_1 = word;
    uint _292 = rk_crc_byte(param, param_1);
    crc = _292;
    uint param_2 = crc;
    uint param_3 = word >> uint(8);
    uint _299 = rk_crc_byte(param_2, param_3);
    crc = _299;
    uint param_4 = crc;
    uint param_5 = word >> uint(16);
    uint _306 = rk_crc_byte(param_4, param_5);
    crc = _306;
    uint param_6 = crc;
    uint param_7 = word >> uint(24);
    uint _313 = rk_crc_byte(param_6, param_7);
    return _313;
}

static inline __attribute__((always_inline))
uint rk_checksum(thread const ulong& message)
{
    uint crc = 4294967295u;
    uint _330;
    for (uint offset = 0u; offset < 64u; offset += 4u)
    {
        if (offset == 48u)
        {
            _330 = 0u;
        }
        else
        {
            ulong param = message + ulong(offset);
            _330 = rk_load32(param);
        }
        uint param_1 = crc;
        uint param_2 = _330;
        uint _344 = rk_crc_u32(param_1, param_2);
        crc = _344;
    }
    ulong param_3 = message + 44ul;
    uint size = rk_load32(param_3);
    ulong payload = message + 64ul;
    uint offset_1 = 0u;
    for (; (offset_1 + 4u) <= size; offset_1 += 4u)
    {
        ulong param_4 = payload + ulong(offset_1);
        uint param_5 = crc;
        uint param_6 = rk_load32(param_4);
        uint _377 = rk_crc_u32(param_5, param_6);
        crc = _377;
    }
    if (offset_1 < size)
    {
        ulong param_7 = payload + ulong(offset_1);
        uint last = rk_load32(param_7);
        for (uint b = 0u; (offset_1 + b) < size; b++)
        {
            uint param_8 = crc;
            uint param_9 = last >> (8u * b);
            uint _411 = rk_crc_byte(param_8, param_9);
            crc = _411;
        }
    }
    return ~crc;
}

static inline __attribute__((always_inline))
bool rk_message_valid(thread const ulong& message, thread const uint& slotSize, thread const bool& checksummed)
{
    ulong param = message + 44ul;
    uint size = rk_load32(param);
    if (size > (slotSize - 64u))
    {
        return false;
    }
    ulong param_1 = message + 52ul;
    bool hasChecksum = (rk_load32(param_1) & 1u) != 0u;
    if (checksummed && (!hasChecksum))
    {
        return false;
    }
    bool _447 = !hasChecksum;
    bool _460;
    if (!_447)
    {
        ulong param_2 = message;
        ulong param_3 = message + 48ul;
        _460 = rk_checksum(param_2) == rk_load32(param_3);
    }
    else
    {
        _460 = _447;
    }
    return _460;
}

static inline __attribute__((always_inline))
void rk_report_error(thread const uint& code, constant RingKernelArguments& rk)
{
    ulong param = rk.control + 164ul;
    uint param_1 = code;
    rk_store32(param, param_1);
    ulong errors = rk.control + 168ul;
    ulong param_2 = errors;
    ulong param_3 = errors;
    uint param_4 = rk_load32(param_2) + 1u;
    rk_store32(param_3, param_4);
}

static inline __attribute__((always_inline))
void rk_store64(thread const ulong& address, thread const ulong& value)
{
    (reinterpret_cast<device RkWord64*>(address))->value = value;
}

static inline __attribute__((always_inline))
void rk_count(thread const uint& offset, constant RingKernelArguments& rk)
{
    ulong address = rk.control + ulong(offset);
    ulong param = address;
    ulong param_1 = address;
    ulong param_2 = rk_load64(param) + 1ul;
    rk_store64(param_1, param_2);
}

static inline __attribute__((always_inline))
void rk_commit_input(thread const RkRing& inputRing, thread const ulong& head, constant RingKernelArguments& rk)
{
    rk_fence(rk);
    RkRing param = inputRing;
    ulong param_1 = head;
    ulong param_2 = rk_sequence_address(param, param_1);
    ulong param_3 = head + ulong(inputRing.capacity);
    rk_store64(param_2, param_3);
    ulong param_4 = inputRing.base + 128ul;
    ulong param_5 = head + 1ul;
    rk_store64(param_4, param_5);
    uint param_6 = 128u;
    rk_count(param_6, rk);
}

static inline __attribute__((always_inline))
void rk_reply(thread const uint& typeId, thread const uint& payloadSize, thread bool& rk_replied, thread uint& rk_reply_type, thread uint& rk_reply_size)
{
    rk_replied = true;
    rk_reply_type = typeId;
    rk_reply_size = payloadSize;
}

static inline __attribute__((always_inline))
uint ringkernel_handle(thread const ulong& request, thread const ulong& reply, thread bool& rk_replied, thread uint& rk_reply_type, thread uint& rk_reply_size)
{
    ulong param = request + 44ul;
    uint size = rk_load32(param);
    ulong payload = request + 64ul;
    bool _948 = size >= 8u;
    bool _956;
    if (_948)
    {
        ulong param_1 = payload;
        _956 = rk_load64(param_1) == 18446744073709551615ul;
    }
    else
    {
        _956 = _948;
    }
    if (_956)
    {
        return 1u;
    }
    for (uint offset = 0u; offset < size; offset += 4u)
    {
        ulong param_2 = payload + ulong(offset);
        ulong param_3 = (reply + 64ul) + ulong(offset);
        uint param_4 = rk_load32(param_2);
        rk_store32(param_3, param_4);
    }
    ulong param_5 = request + 32ul;
    uint param_6 = rk_load32(param_5);
    uint param_7 = size;
    rk_reply(param_6, param_7, rk_replied, rk_reply_type, rk_reply_size);
    return 0u;
}

static inline __attribute__((always_inline))
uint rk_kernel_id(constant RingKernelArguments& rk)
{
    ulong param = rk.control + 4ul;
    return rk_load32(param);
}

static inline __attribute__((always_inline))
void rk_write_header(thread const ulong& message, thread const ulong& messageId, thread const ulong& correlationId, thread const uint& typeId, thread const uint& sourceId, thread const uint& destinationId, thread const uint& payloadSize, thread const uint& flags, thread const bool& checksummed)
{
    ulong param = message + 0ul;
    ulong param_1 = messageId;
    rk_store64(param, param_1);
    ulong param_2 = message + 8ul;
    ulong param_3 = correlationId;
    rk_store64(param_2, param_3);
    ulong param_4 = message + 16ul;
    ulong param_5 = 0ul;
    rk_store64(param_4, param_5);
    ulong param_6 = message + 24ul;
    ulong param_7 = 0ul;
    rk_store64(param_6, param_7);
    ulong param_8 = message + 32ul;
    uint param_9 = typeId;
    rk_store32(param_8, param_9);
    ulong param_10 = message + 36ul;
    uint param_11 = sourceId;
    rk_store32(param_10, param_11);
    ulong param_12 = message + 40ul;
    uint param_13 = destinationId;
    rk_store32(param_12, param_13);
    ulong param_14 = message + 44ul;
    uint param_15 = payloadSize;
    rk_store32(param_14, param_15);
    ulong param_16 = message + 48ul;
    uint param_17 = 0u;
    rk_store32(param_16, param_17);
    ulong param_18 = message + 52ul;
    uint param_19 = flags | uint(checksummed);
    rk_store32(param_18, param_19);
    ulong param_20 = message + 56ul;
    uint param_21 = 0u;
    rk_store32(param_20, param_21);
    ulong param_22 = message + 60ul;
    uint param_23 = 0u;
    rk_store32(param_22, param_23);
    if (checksummed)
    {
        ulong param_24 = message;
        ulong param_25 = message + 48ul;
        uint param_26 = rk_checksum(param_24);
        rk_store32(param_25, param_26);
    }
}

static inline __attribute__((always_inline))
uint rk_step(thread const RkRing& inputRing, thread const RkRing& outputRing, constant RingKernelArguments& rk, thread bool& rk_replied, thread uint& rk_reply_type, thread uint& rk_reply_size, thread uint& rk_step_cost)
{
    ulong param = inputRing.base + 128ul;
    ulong head = rk_load64(param);
    RkRing param_1 = inputRing;
    ulong param_2 = head;
    ulong param_3 = rk_sequence_address(param_1, param_2);
    bool published = rk_load64(param_3) == (head + 1ul);
    rk_fence(rk);
    if (!published)
    {
        return 0u;
    }
    RkRing param_4 = inputRing;
    ulong param_5 = head;
    ulong request = rk_slot(param_4, param_5);
    ulong param_6 = request + 44ul;
    rk_step_cost = 64u + min(rk_load32(param_6), inputRing.slotSize);
    ulong param_7 = request;
    uint param_8 = inputRing.slotSize;
    bool param_9 = (rk.flags & 1u) != 0u;
    if (!rk_message_valid(param_7, param_8, param_9))
    {
        uint param_10 = 2u;
        rk_report_error(param_10, rk);
        RkRing param_11 = inputRing;
        ulong param_12 = head;
        rk_commit_input(param_11, param_12, rk);
        return 2u;
    }
    ulong param_13 = outputRing.base + 0ul;
    ulong tail = rk_load64(param_13);
    ulong param_14 = outputRing.base + 128ul;
    bool full = (tail - rk_load64(param_14)) >= ulong(outputRing.capacity);
    rk_fence(rk);
    if (full)
    {
        return 1u;
    }
    RkRing param_15 = outputRing;
    ulong param_16 = tail;
    ulong reply = rk_slot(param_15, param_16);
    rk_replied = false;
    ulong param_17 = request;
    ulong param_18 = reply;
    uint _724 = ringkernel_handle(param_17, param_18, rk_replied, rk_reply_type, rk_reply_size);
    uint code = _724;
    if (code == 4294967295u)
    {
        return 1u;
    }
    if (code != 0u)
    {
        uint param_19 = code;
        rk_report_error(param_19, rk);
        rk_fence(rk);
        ulong param_20 = rk.control + 160ul;
        uint param_21 = 4u;
        rk_store32(param_20, param_21);
        return 3u;
    }
    if (rk_replied)
    {
        ulong param_22 = request + 8ul;
        ulong param_23 = request + 36ul;
        ulong param_24 = reply;
        ulong param_25 = tail + 1ul;
        ulong param_26 = rk_load64(param_22);
        uint param_27 = rk_reply_type;
        uint param_28 = rk_kernel_id(rk);
        uint param_29 = rk_load32(param_23);
        uint param_30 = rk_reply_size;
        uint param_31 = 2u;
        bool param_32 = (rk.flags & 2u) != 0u;
        rk_write_header(param_24, param_25, param_26, param_27, param_28, param_29, param_30, param_31, param_32);
        rk_fence(rk);
        ulong param_33 = outputRing.base + 0ul;
        ulong param_34 = tail + 1ul;
        rk_store64(param_33, param_34);
        uint param_35 = 144u;
        rk_count(param_35, rk);
    }
    uint param_36 = 136u;
    rk_count(param_36, rk);
    RkRing param_37 = inputRing;
    ulong param_38 = head;
    rk_commit_input(param_37, param_38, rk);
    return 2u;
}

kernel void main0(constant RingKernelArguments& rk [[buffer(0)]], uint gl_LocalInvocationIndex [[thread_index_in_threadgroup]], uint3 gl_WorkGroupID [[threadgroup_position_in_grid]])
{
    bool _803 = gl_LocalInvocationIndex != 0u;
    bool rk_replied;
    uint rk_reply_type;
    uint rk_reply_size;
    uint rk_step_cost;
    bool _815;
    if (!_803)
    {
        _815 = any(gl_WorkGroupID != uint3(0u));
    }
    else
    {
        _815 = _803;
    }
    if (_815)
    {
        return;
    }
    ulong param = rk.inputRing;
    RkRing inputRing = rk_ring(param);
    ulong param_1 = rk.outputRing;
    RkRing outputRing = rk_ring(param_1);
    uint processed = 0u;
    uint idle = 0u;
    uint spent = 0u;
    uint _898;
    while ((processed < rk.maxMessages) && (spent < 32768u))
    {
        ulong param_2 = rk.control + 20ul;
        uint epoch = rk_load32(param_2);
        rk_fence(rk);
        ulong param_3 = rk.control + 0ul;
        uint command = rk_load32(param_3);
        if ((command & 2u) != 0u)
        {
            return;
        }
        bool consuming = (command & 1u) != 0u;
        ulong param_4 = rk.control + 172ul;
        if (epoch != rk_load32(param_4))
        {
            ulong param_5 = rk.control + 160ul;
            uint param_6 = consuming ? 1u : 2u;
            rk_store32(param_5, param_6);
            rk_fence(rk);
            ulong param_7 = rk.control + 172ul;
            uint param_8 = epoch;
            rk_store32(param_7, param_8);
        }
        if (consuming)
        {
            RkRing param_9 = inputRing;
            RkRing param_10 = outputRing;
            uint _905 = rk_step(param_9, param_10, rk, rk_replied, rk_reply_type, rk_reply_size, rk_step_cost);
            _898 = _905;
        }
        else
        {
            _898 = 0u;
        }
        uint _step = _898;
        if (_step == 3u)
        {
            return;
        }
        if (_step == 2u)
        {
            spent += rk_step_cost;
            processed++;
            idle = 0u;
            continue;
        }
        if (idle >= rk.pollIterations)
        {
            return;
        }
        idle++;
        spent += ((_step == 1u) ? rk_step_cost : 4u);
    }
}

