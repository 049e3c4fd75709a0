// Translated by spirv-cross (--msl --msl-version 30000) from RingKernel.Vulkan/Shaders/Spirv/halo_stencil.spv; do not edit.
// Regenerate: RINGKERNEL_UPDATE_MSL=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Metal.CommittedMslTests
#pragma clang diagnostic ignored "-Wmissing-prototypes"
#pragma clang diagnostic ignored "-Wmissing-braces"
#pragma clang diagnostic ignored "-Wunused-variable"

#include <metal_stdlib>
#include <simd/simd.h>
#include <metal_atomic>

using namespace metal;

template<typename T, size_t Num>
struct spvUnsafeArray
{
    T elements[Num ? Num : 1];
    
    thread T& operator [] (size_t pos) thread
    {
        return elements[pos];
    }
    constexpr const thread T& operator [] (size_t pos) const thread
    {
        return elements[pos];
    }
    
    device T& operator [] (size_t pos) device
    {
        return elements[pos];
    }
    constexpr const device T& operator [] (size_t pos) const device
    {
        return elements[pos];
    }
    
    constexpr const constant T& operator [] (size_t pos) const constant
    {
        return elements[pos];
    }
    
    threadgroup T& operator [] (size_t pos) threadgroup
    {
        return elements[pos];
    }
    constexpr const threadgroup T& operator [] (size_t pos) const threadgroup
    {
        return elements[pos];
    }
};

template<typename T>
[[clang::optnone]] T spvFMul(T l, T r)
{
    return fma(l, r, T(0));
}

template<typename T, int Cols, int Rows>
[[clang::optnone]] vec<T, Cols> spvFMulVectorMatrix(vec<T, Rows> v, matrix<T, Cols, Rows> m)
{
    vec<T, Cols> res = vec<T, Cols>(0);
    for (uint i = Rows; i > 0; --i)
    {
        vec<T, Cols> tmp(0);
        for (uint j = 0; j < Cols; ++j)
        {
            tmp[j] = m[j][i - 1];
        }
        res = fma(tmp, vec<T, Cols>(v[i - 1]), res);
    }
    return res;
}

template<typename T, int Cols, int Rows>
[[clang::optnone]] vec<T, Rows> spvFMulMatrixVector(matrix<T, Cols, Rows> m, vec<T, Cols> v)
{
    vec<T, Rows> res = vec<T, Rows>(0);
    for (uint i = Cols; i > 0; --i)
    {
        res = fma(m[i - 1], vec<T, Rows>(v[i - 1]), res);
    }
    return res;
}

template<typename T, int LCols, int LRows, int RCols, int RRows>
[[clang::optnone]] matrix<T, RCols, LRows> spvFMulMatrixMatrix(matrix<T, LCols, LRows> l, matrix<T, RCols, RRows> r)
{
    matrix<T, RCols, LRows> res;
    for (uint i = 0; i < RCols; i++)
    {
        vec<T, RCols> tmp(0);
        for (uint j = 0; j < LCols; j++)
        {
            tmp = fma(vec<T, RCols>(r[i][j]), l[j], tmp);
        }
        res[i] = tmp;
    }
    return res;
}

template<typename T>
[[clang::optnone]] T spvFAdd(T l, T r)
{
    return fma(T(1), l, r);
}

template<typename T>
[[clang::optnone]] T spvFSub(T l, T r)
{
    return fma(T(-1), r, l);
}

struct K2KInbox;
struct K2KRoutingTable;

struct RingHeader
{
    ulong Tail;
    ulong DroppedCount;
    uint Pad16[12];
    uint ProducerWaiting;
    uint Pad68[15];
    ulong Head;
    uint Pad136[14];
    uint ConsumerWaiting;
    uint Pad196[15];
    uint Capacity;
    uint SlotSize;
    uint Kind;
    uint Magic;
    uint Pad272[28];
};

struct K2KInbox
{
    RingHeader header;
    uint words[1];
};

constant uint _322_tmp [[function_constant(0)]];
constant uint _322 = is_function_constant_defined(_322_tmp) ? _322_tmp : 1u;
constant uint _323_tmp [[function_constant(1)]];
constant uint _323 = is_function_constant_defined(_323_tmp) ? _323_tmp : 1u;
constant uint _324_tmp [[function_constant(2)]];
constant uint _324 = is_function_constant_defined(_324_tmp) ? _324_tmp : 1u;
constant uint3 gl_WorkGroupSize [[maybe_unused]] = uint3(_322, _323, _324);
constant uint _327 = gl_WorkGroupSize.x;
constant uint _328 = gl_WorkGroupSize.y;
constant uint _329 = (_327 * _328);
constant uint _330 = gl_WorkGroupSize.z;
constant uint _331 = (_329 * _330);

struct Arguments
{
    packed_uint3 tileSize;
    uint halo;
    uint kind;
    uint levels;
    uint currentLevel;
    uint steps;
    uint receiveStep;
    uint sendStep;
    uint flags;
    uint chunkElements;
    float coefficient;
    uint phase;
};

struct Faults
{
    uint code;
    uint tile;
    uint _step;
    uint direction;
    uint field;
    uint expected;
    uint found;
    uint chunk;
};

struct TileLinks
{
    ulong routingTable;
    ulong inboxes[26];
    uint sources[26];
};

struct Links
{
    TileLinks links[1];
};

struct Fields
{
    float fields[1];
};

struct RouteEntry
{
    ulong InboxAddress;
    ulong NextSequence;
    uint TargetKernelId;
    uint Direction;
    uint InboxCapacity;
    uint InboxSlotSize;
};

struct K2KRoutingTable
{
    RouteEntry entries[26];
};

constant spvUnsafeArray<int3, 26> _299 = spvUnsafeArray<int3, 26>({ int3(-1, 0, 0), int3(1, 0, 0), int3(0, -1, 0), int3(0, 1, 0), int3(0, 0, -1), int3(0, 0, 1), int3(-1, -1, 0), int3(1, -1, 0), int3(-1, 1, 0), int3(1, 1, 0), int3(-1, 0, -1), int3(1, 0, -1), int3(-1, 0, 1), int3(1, 0, 1), int3(0, -1, -1), int3(0, 1, -1), int3(0, -1, 1), int3(0, 1, 1), int3(-1), int3(1, -1, -1), int3(-1, 1, -1), int3(1, 1, -1), int3(-1, -1, 1), int3(1, -1, 1), int3(-1, 1, 1), int3(1) });

static inline __attribute__((always_inline))
uint haloZ(constant Arguments& arguments)
{
    uint _343;
    if (arguments.kind == 1u)
    {
        _343 = arguments.halo;
    }
    else
    {
        _343 = 0u;
    }
    return _343;
}

static inline __attribute__((always_inline))
void region(thread const int3& _step, thread const bool& send, thread int3& start, thread int3& end, constant Arguments& arguments)
{
    int3 extent = int3(uint3(arguments.tileSize));
    int3 h = int3(int(arguments.halo), int(arguments.halo), int(haloZ(arguments)));
    int _466;
    int _478;
    int _490;
    int _508;
    for (int axis = 0; axis < 3; axis++)
    {
        int s = _step[axis];
        if (s == 0)
        {
            start[axis] = 0;
            end[axis] = extent[axis];
        }
        else
        {
            if (s < 0)
            {
                if (send)
                {
                    _466 = 0;
                }
                else
                {
                    _466 = -h[axis];
                }
                start[axis] = _466;
                if (send)
                {
                    _478 = h[axis];
                }
                else
                {
                    _478 = 0;
                }
                end[axis] = _478;
            }
            else
            {
                if (send)
                {
                    _490 = extent[axis] - h[axis];
                }
                else
                {
                    _490 = extent[axis];
                }
                start[axis] = _490;
                if (send)
                {
                    _508 = extent[axis];
                }
                else
                {
                    _508 = extent[axis] + h[axis];
                }
                end[axis] = _508;
            }
        }
    }
}

static inline __attribute__((always_inline))
uint chunkCount(thread const uint& total, constant Arguments& arguments)
{
    return ((total + arguments.chunkElements) - 1u) / arguments.chunkElements;
}

static inline __attribute__((always_inline))
void fault(thread const uint& code, thread const uint& tile, thread const uint& _step, thread const uint& direction, thread const uint& field, thread const uint& expected, thread const uint& found, thread const uint& chunk, volatile device Faults& faults, threadgroup uint& sharedFlag)
{
    uint _594;
    do
    {
        _594 = 0u;
    } while (!atomic_compare_exchange_weak_explicit((volatile device atomic_uint*)&faults.code, &_594, code, memory_order_relaxed, memory_order_relaxed) && _594 == 0u);
    if (_594 == 0u)
    {
        faults.tile = tile;
        faults._step = _step;
        faults.direction = direction;
        faults.field = field;
        faults.expected = expected;
        faults.found = found;
        faults.chunk = chunk;
    }
    sharedFlag = 1u;
}

static inline __attribute__((always_inline))
uint k2kSlotWord(volatile device K2KInbox* const volatile thread & inbox, thread const ulong& position)
{
    return uint(position & ulong(inbox->header.Capacity - 1u)) * (inbox->header.SlotSize / 4u);
}

static inline __attribute__((always_inline))
uint k2kPayloadWord(thread const uint& slot, thread const uint& offset)
{
    return slot + ((64u + offset) / 4u);
}

static inline __attribute__((always_inline))
ulong k2kReadU64(volatile device K2KInbox* const volatile thread & inbox, thread const uint& word)
{
    return ulong(inbox->words[word]) | (ulong(inbox->words[word + 1u]) << ulong(32));
}

static inline __attribute__((always_inline))
uint threads()
{
    return _331;
}

static inline __attribute__((always_inline))
int3 stripCell(thread const int3& start, thread const int3& end, thread const uint& e, thread uint& level0)
{
    int3 size = end - start;
    uint cells = uint((size.x * size.y) * size.z);
    level0 = e / cells;
    uint cell = e % cells;
    uint row = cell / uint(size.x);
    return start + int3(int(cell % uint(size.x)), int(row % uint(size.y)), int(row / uint(size.y)));
}

static inline __attribute__((always_inline))
uint levelOf(thread const uint& current, thread const uint& stripLevel)
{
    uint _578;
    if (stripLevel == 0u)
    {
        _578 = current;
    }
    else
    {
        _578 = 1u - current;
    }
    return _578;
}

static inline __attribute__((always_inline))
int3 paddedSize(constant Arguments& arguments)
{
    return int3(uint3(arguments.tileSize)) + (int3(2) * int3(int(arguments.halo), int(arguments.halo), int(haloZ(arguments))));
}

static inline __attribute__((always_inline))
uint paddedLength(constant Arguments& arguments)
{
    int3 p = paddedSize(arguments);
    return uint((p.x * p.y) * p.z);
}

static inline __attribute__((always_inline))
uint fieldIndex(thread const uint& tile, thread const uint& level0, thread const int3& c, constant Arguments& arguments)
{
    int3 p = paddedSize(arguments);
    int3 q = c + int3(int(arguments.halo), int(arguments.halo), int(haloZ(arguments)));
    return (((tile * 2u) + level0) * paddedLength(arguments)) + uint(q.x + (p.x * (q.y + (p.y * q.z))));
}

static inline __attribute__((always_inline))
bool receive(thread const uint& tile, thread const uint& current, constant Arguments& arguments, volatile device Faults& faults, threadgroup uint& sharedFlag, thread uint& gl_LocalInvocationIndex, const device Links& v_647, volatile device Fields& v_1119)
{
    uint t = gl_LocalInvocationIndex;
    int3 param_2;
    int3 param_3;
    uint param_100;
    for (uint d = 0u; d < 26u; d++)
    {
        ulong address = v_647.links[tile].inboxes[d];
        if (address == 0ul)
        {
            continue;
        }
        volatile device K2KInbox* inbox = reinterpret_cast<device K2KInbox*>(address);
        int3 param = _299[d];
        bool param_1 = false;
        region(param, param_1, param_2, param_3, arguments);
        int3 start = param_2;
        int3 end = param_3;
        int3 size = end - start;
        uint total = uint((size.x * size.y) * size.z) * arguments.levels;
        uint param_4 = total;
        uint count = chunkCount(param_4, arguments);
        ulong head = inbox->header.Head;
        ulong readable = inbox->header.Tail - head;
        bool _708 = t == 0u;
        bool _715;
        if (_708)
        {
            _715 = readable < ulong(count);
        }
        else
        {
            _715 = _708;
        }
        if (_715)
        {
            uint param_5 = 4u;
            uint param_6 = tile;
            uint param_7 = arguments.receiveStep;
            uint param_8 = d;
            uint param_9 = 0u;
            uint param_10 = count;
            uint param_11 = uint(readable);
            uint param_12 = 0u;
            fault(param_5, param_6, param_7, param_8, param_9, param_10, param_11, param_12, faults, sharedFlag);
        }
        threadgroup_barrier(mem_flags::mem_threadgroup);
        if (sharedFlag != 0u)
        {
            return false;
        }
        for (uint c = t; c < count; c += threads())
        {
            ulong _751 = head;
            uint _752 = c;
            volatile device K2KInbox* param_13 = inbox;
            ulong param_14 = _751 + ulong(_752);
            uint slot = k2kSlotWord(param_13, param_14);
            uint param_15 = slot;
            uint param_16 = 0u;
            uint payload = k2kPayloadWord(param_15, param_16);
            uint _765 = slot;
            volatile device K2KInbox* param_17 = inbox;
            uint param_18 = _765 + 0u;
            ulong sequence = k2kReadU64(param_17, param_18);
            uint typeId = inbox->words[slot + 8u];
            uint payloadSize = inbox->words[slot + 11u];
            uint _784 = payload;
            volatile device K2KInbox* param_19 = inbox;
            uint param_20 = _784 + 0u;
            ulong chunkStep = k2kReadU64(param_19, param_20);
            uint direction = inbox->words[payload + 3u];
            uint source = inbox->words[payload + 2u];
            uint width = inbox->words[payload + 4u];
            uint index = inbox->words[payload + 6u];
            uint chunks = inbox->words[payload + 7u];
            uint elements = inbox->words[payload + 5u];
            uint expectedElements = min(arguments.chunkElements, (total - (c * arguments.chunkElements)));
            if (sequence != ((head + ulong(c)) + 1ul))
            {
                uint param_21 = 2u;
                uint param_22 = tile;
                uint param_23 = arguments.receiveStep;
                uint param_24 = d;
                uint param_25 = 0u;
                uint param_26 = uint((head + ulong(c)) + 1ul);
                uint param_27 = uint(sequence);
                uint param_28 = c;
                fault(param_21, param_22, param_23, param_24, param_25, param_26, param_27, param_28, faults, sharedFlag);
            }
            else
            {
                if ((typeId != 1212238927u) || (payloadSize != 960u))
                {
                    uint param_29 = 6u;
                    uint param_30 = tile;
                    uint param_31 = arguments.receiveStep;
                    uint param_32 = d;
                    uint param_33 = 0u;
                    uint param_34 = 1212238927u;
                    uint param_35 = typeId;
                    uint param_36 = c;
                    fault(param_29, param_30, param_31, param_32, param_33, param_34, param_35, param_36, faults, sharedFlag);
                }
                else
                {
                    if (chunkStep != ulong(arguments.receiveStep))
                    {
                        uint param_37 = 1u;
                        uint param_38 = tile;
                        uint param_39 = arguments.receiveStep;
                        uint param_40 = d;
                        uint param_41 = 0u;
                        uint param_42 = arguments.receiveStep;
                        uint param_43 = uint(chunkStep);
                        uint param_44 = c;
                        fault(param_37, param_38, param_39, param_40, param_41, param_42, param_43, param_44, faults, sharedFlag);
                    }
                    else
                    {
                        if (direction != d)
                        {
                            uint param_45 = 3u;
                            uint param_46 = tile;
                            uint param_47 = arguments.receiveStep;
                            uint param_48 = d;
                            uint param_49 = 1u;
                            uint param_50 = d;
                            uint param_51 = direction;
                            uint param_52 = c;
                            fault(param_45, param_46, param_47, param_48, param_49, param_50, param_51, param_52, faults, sharedFlag);
                        }
                        else
                        {
                            if (source != v_647.links[tile].sources[d])
                            {
                                uint param_53 = 3u;
                                uint param_54 = tile;
                                uint param_55 = arguments.receiveStep;
                                uint param_56 = d;
                                uint param_57 = 2u;
                                uint param_58 = v_647.links[tile].sources[d];
                                uint param_59 = source;
                                uint param_60 = c;
                                fault(param_53, param_54, param_55, param_56, param_57, param_58, param_59, param_60, faults, sharedFlag);
                            }
                            else
                            {
                                if (width != arguments.halo)
                                {
                                    uint param_61 = 3u;
                                    uint param_62 = tile;
                                    uint param_63 = arguments.receiveStep;
                                    uint param_64 = d;
                                    uint param_65 = 3u;
                                    uint param_66 = arguments.halo;
                                    uint param_67 = width;
                                    uint param_68 = c;
                                    fault(param_61, param_62, param_63, param_64, param_65, param_66, param_67, param_68, faults, sharedFlag);
                                }
                                else
                                {
                                    if (index != c)
                                    {
                                        uint param_69 = 3u;
                                        uint param_70 = tile;
                                        uint param_71 = arguments.receiveStep;
                                        uint param_72 = d;
                                        uint param_73 = 4u;
                                        uint param_74 = c;
                                        uint param_75 = index;
                                        uint param_76 = c;
                                        fault(param_69, param_70, param_71, param_72, param_73, param_74, param_75, param_76, faults, sharedFlag);
                                    }
                                    else
                                    {
                                        if (chunks != count)
                                        {
                                            uint param_77 = 3u;
                                            uint param_78 = tile;
                                            uint param_79 = arguments.receiveStep;
                                            uint param_80 = d;
                                            uint param_81 = 5u;
                                            uint param_82 = count;
                                            uint param_83 = chunks;
                                            uint param_84 = c;
                                            fault(param_77, param_78, param_79, param_80, param_81, param_82, param_83, param_84, faults, sharedFlag);
                                        }
                                        else
                                        {
                                            if (elements != expectedElements)
                                            {
                                                uint param_85 = 3u;
                                                uint param_86 = tile;
                                                uint param_87 = arguments.receiveStep;
                                                uint param_88 = d;
                                                uint param_89 = 6u;
                                                uint param_90 = expectedElements;
                                                uint param_91 = elements;
                                                uint param_92 = c;
                                                fault(param_85, param_86, param_87, param_88, param_89, param_90, param_91, param_92, faults, sharedFlag);
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        threadgroup_barrier(mem_flags::mem_threadgroup);
        if (sharedFlag != 0u)
        {
            return false;
        }
        for (uint e = t; e < total; e += threads())
        {
            uint c_1 = e / arguments.chunkElements;
            ulong _1086 = head;
            uint _1087 = c_1;
            volatile device K2KInbox* param_93 = inbox;
            ulong param_94 = _1086 + ulong(_1087);
            uint slot_1 = k2kSlotWord(param_93, param_94);
            uint param_95 = slot_1;
            uint param_96 = 32u;
            uint word = k2kPayloadWord(param_95, param_96) + (e % arguments.chunkElements);
            int3 param_97 = start;
            int3 param_98 = end;
            uint param_99 = e;
            int3 _1114 = stripCell(param_97, param_98, param_99, param_100);
            uint stripLevel = param_100;
            int3 cell = _1114;
            uint param_101 = current;
            uint param_102 = stripLevel;
            uint param_103 = tile;
            uint param_104 = levelOf(param_101, param_102);
            int3 param_105 = cell;
            v_1119.fields[fieldIndex(param_103, param_104, param_105, arguments)] = as_type<float>(inbox->words[word]);
        }
        threadgroup_barrier(mem_flags::mem_device);
        if (t == 0u)
        {
            inbox->header.Head = head + ulong(count);
        }
        threadgroup_barrier(mem_flags::mem_threadgroup);
    }
    return true;
}

static inline __attribute__((always_inline))
void advance(thread const uint& tile, thread const uint& current, thread const int& extent, thread const int3& growMinus, thread const int3& growPlus, constant Arguments& arguments, thread uint& gl_LocalInvocationIndex, volatile device Fields& v_1119)
{
    int3 start = int3(-extent) * growMinus;
    int3 end = int3(uint3(arguments.tileSize)) + (int3(extent) * growPlus);
    int3 size = end - start;
    uint cells = uint((size.x * size.y) * size.z);
    uint next = 1u - current;
    int3 p = paddedSize(arguments);
    uint rowStride = uint(p.x);
    uint planeStride = uint(p.x * p.y);
    for (uint i = gl_LocalInvocationIndex; i < cells; i += threads())
    {
        uint row = i / uint(size.x);
        int3 c = start + int3(int(i % uint(size.x)), int(row % uint(size.y)), int(row / uint(size.y)));
        uint param = tile;
        uint param_1 = current;
        int3 param_2 = c;
        uint at = fieldIndex(param, param_1, param_2, arguments);
        uint param_3 = tile;
        uint param_4 = next;
        int3 param_5 = c;
        uint to = fieldIndex(param_3, param_4, param_5, arguments);
        float u = v_1119.fields[at];
        float xMinus = v_1119.fields[at - 1u];
        float xPlus = v_1119.fields[at + 1u];
        float yMinus = v_1119.fields[at - rowStride];
        float yPlus = v_1119.fields[at + rowStride];
        if (arguments.kind == 0u)
        {
            float result = spvFAdd(u, spvFMul(arguments.coefficient, spvFSub(spvFAdd(spvFAdd(spvFAdd(xMinus, xPlus), yMinus), yPlus), spvFMul(4.0, u))));
            v_1119.fields[to] = result;
        }
        else
        {
            float zMinus = v_1119.fields[at - planeStride];
            float zPlus = v_1119.fields[at + planeStride];
            float old = v_1119.fields[to];
            float result_1 = spvFAdd(spvFSub(spvFMul(2.0, u), old), spvFMul(arguments.coefficient, spvFSub(spvFAdd(spvFAdd(spvFAdd(spvFAdd(spvFAdd(xMinus, xPlus), yMinus), yPlus), zMinus), zPlus), spvFMul(6.0, u))));
            v_1119.fields[to] = result_1;
        }
    }
    threadgroup_barrier(mem_flags::mem_device);
}

static inline __attribute__((always_inline))
void k2kWriteU64(volatile device K2KInbox* const volatile thread & inbox, thread const uint& word, thread const ulong& value)
{
    inbox->words[word] = uint(value);
    inbox->words[word + 1u] = uint(value >> ulong(32));
}

static inline __attribute__((always_inline))
void k2kWriteMessageHeader(volatile device K2KInbox* const volatile thread & inbox, thread const uint& slot, thread const ulong& sequence, thread const uint& typeId, thread const uint& source, thread const uint& destination, thread const uint& payloadSize)
{
    uint _188 = slot;
    volatile device K2KInbox* param = inbox;
    uint param_1 = _188 + 0u;
    ulong param_2 = sequence;
    k2kWriteU64(param, param_1, param_2);
    uint _197 = slot;
    volatile device K2KInbox* param_3 = inbox;
    uint param_4 = _197 + 2u;
    ulong param_5 = 0ul;
    k2kWriteU64(param_3, param_4, param_5);
    uint _206 = slot;
    volatile device K2KInbox* param_6 = inbox;
    uint param_7 = _206 + 4u;
    ulong param_8 = 0ul;
    k2kWriteU64(param_6, param_7, param_8);
    uint _213 = slot;
    volatile device K2KInbox* param_9 = inbox;
    uint param_10 = _213 + 6u;
    ulong param_11 = 0ul;
    k2kWriteU64(param_9, param_10, param_11);
    inbox->words[slot + 8u] = typeId;
    inbox->words[slot + 9u] = source;
    inbox->words[slot + 10u] = destination;
    inbox->words[slot + 11u] = payloadSize;
    inbox->words[slot + 12u] = 0u;
    inbox->words[slot + 13u] = 0u;
    inbox->words[slot + 14u] = 0u;
    inbox->words[slot + 15u] = 0u;
}

static inline __attribute__((always_inline))
uint opposite(thread const uint& d)
{
    for (uint o = 0u; o < 26u; o++)
    {
        if (all(_299[o] == (-_299[d])))
        {
            return o;
        }
    }
    return d;
}

static inline __attribute__((always_inline))
bool send(thread const uint& tile, thread const uint& current, constant Arguments& arguments, volatile device Faults& faults, threadgroup uint& sharedFlag, thread uint& gl_LocalInvocationIndex, const device Links& v_647, volatile device Fields& v_1119)
{
    uint t = gl_LocalInvocationIndex;
    volatile device K2KRoutingTable* table = reinterpret_cast<device K2KRoutingTable*>(v_647.links[tile].routingTable);
    int3 param_2;
    int3 param_3;
    uint param_20;
    for (uint d = 0u; d < 26u; d++)
    {
        ulong address = table->entries[d].InboxAddress;
        if (address == 0ul)
        {
            continue;
        }
        volatile device K2KInbox* inbox = reinterpret_cast<device K2KInbox*>(address);
        int3 param = _299[d];
        bool param_1 = true;
        region(param, param_1, param_2, param_3, arguments);
        int3 start = param_2;
        int3 end = param_3;
        int3 size = end - start;
        uint total = uint((size.x * size.y) * size.z) * arguments.levels;
        uint param_4 = total;
        uint count = chunkCount(param_4, arguments);
        ulong tail = inbox->header.Tail;
        ulong used = tail - inbox->header.Head;
        ulong sequence = table->entries[d].NextSequence;
        uint target = table->entries[d].TargetKernelId;
        bool _1245 = t == 0u;
        bool _1257;
        if (_1245)
        {
            _1257 = (used + ulong(count)) > ulong(inbox->header.Capacity);
        }
        else
        {
            _1257 = _1245;
        }
        if (_1257)
        {
            uint param_5 = 5u;
            uint param_6 = tile;
            uint param_7 = arguments.sendStep;
            uint param_8 = d;
            uint param_9 = 0u;
            uint param_10 = count;
            uint param_11 = inbox->header.Capacity - uint(used);
            uint param_12 = 0u;
            fault(param_5, param_6, param_7, param_8, param_9, param_10, param_11, param_12, faults, sharedFlag);
        }
        threadgroup_barrier(mem_flags::mem_threadgroup);
        if (sharedFlag != 0u)
        {
            return false;
        }
        for (uint e = t; e < total; e += threads())
        {
            uint c = e / arguments.chunkElements;
            ulong _1301 = tail;
            uint _1302 = c;
            volatile device K2KInbox* param_13 = inbox;
            ulong param_14 = _1301 + ulong(_1302);
            uint slot = k2kSlotWord(param_13, param_14);
            uint param_15 = slot;
            uint param_16 = 32u;
            uint word = k2kPayloadWord(param_15, param_16) + (e % arguments.chunkElements);
            int3 param_17 = start;
            int3 param_18 = end;
            uint param_19 = e;
            int3 _1328 = stripCell(param_17, param_18, param_19, param_20);
            uint stripLevel = param_20;
            int3 cell = _1328;
            uint param_21 = current;
            uint param_22 = stripLevel;
            uint param_23 = tile;
            uint param_24 = levelOf(param_21, param_22);
            int3 param_25 = cell;
            inbox->words[word] = as_type<uint>(v_1119.fields[fieldIndex(param_23, param_24, param_25, arguments)]);
        }
        for (uint c_1 = t; c_1 < count; c_1 += threads())
        {
            ulong _1361 = tail;
            uint _1362 = c_1;
            volatile device K2KInbox* param_26 = inbox;
            ulong param_27 = _1361 + ulong(_1362);
            uint slot_1 = k2kSlotWord(param_26, param_27);
            uint param_28 = slot_1;
            uint param_29 = 0u;
            uint payload = k2kPayloadWord(param_28, param_29);
            ulong _1374 = sequence;
            uint _1375 = c_1;
            volatile device K2KInbox* param_30 = inbox;
            uint param_31 = slot_1;
            ulong param_32 = _1374 + ulong(_1375);
            uint param_33 = 1212238927u;
            uint param_34 = tile;
            uint param_35 = target;
            uint param_36 = 960u;
            k2kWriteMessageHeader(param_30, param_31, param_32, param_33, param_34, param_35, param_36);
            uint _1390 = payload;
            volatile device K2KInbox* param_37 = inbox;
            uint param_38 = _1390 + 0u;
            ulong param_39 = ulong(arguments.sendStep);
            k2kWriteU64(param_37, param_38, param_39);
            inbox->words[payload + 2u] = tile;
            uint param_40 = d;
            inbox->words[payload + 3u] = opposite(param_40);
            inbox->words[payload + 4u] = arguments.halo;
            inbox->words[payload + 5u] = min(arguments.chunkElements, (total - (c_1 * arguments.chunkElements)));
            inbox->words[payload + 6u] = c_1;
            inbox->words[payload + 7u] = count;
        }
        threadgroup_barrier(mem_flags::mem_device);
        if (t == 0u)
        {
            inbox->header.Tail = tail + ulong(count);
            table->entries[d].NextSequence = sequence + ulong(count);
        }
        threadgroup_barrier(mem_flags::mem_threadgroup);
    }
    return true;
}

kernel void main0(constant Arguments& arguments [[buffer(0)]], volatile device Faults& faults [[buffer(1)]], const device Links& v_647 [[buffer(2)]], volatile device Fields& v_1119 [[buffer(3)]], uint gl_LocalInvocationIndex [[thread_index_in_threadgroup]], uint3 gl_WorkGroupID [[threadgroup_position_in_grid]])
{
    threadgroup uint sharedFlag;
    uint tile = gl_WorkGroupID.x;
    if (gl_LocalInvocationIndex == 0u)
    {
        sharedFlag = faults.code;
    }
    threadgroup_barrier(mem_flags::mem_threadgroup);
    if (sharedFlag != 0u)
    {
        return;
    }
    uint current = arguments.currentLevel;
    bool _1688 = (arguments.flags & 1u) != 0u;
    bool _1697;
    if (_1688)
    {
        uint param = tile;
        uint param_1 = current;
        bool _1695 = receive(param, param_1, arguments, faults, sharedFlag, gl_LocalInvocationIndex, v_647, v_1119);
        _1697 = !_1695;
    }
    else
    {
        _1697 = _1688;
    }
    if (_1697)
    {
        return;
    }
    if (arguments.steps > 0u)
    {
        volatile device K2KRoutingTable* table = reinterpret_cast<device K2KRoutingTable*>(v_647.links[tile].routingTable);
        bool is3D = arguments.kind == 1u;
        bool _1733;
        if (is3D)
        {
            _1733 = table->entries[4].InboxAddress != 0ul;
        }
        else
        {
            _1733 = is3D;
        }
        int3 growMinus = int3(int(table->entries[0].InboxAddress != 0ul), int(table->entries[2].InboxAddress != 0ul), int(_1733));
        bool _1754;
        if (is3D)
        {
            _1754 = table->entries[5].InboxAddress != 0ul;
        }
        else
        {
            _1754 = is3D;
        }
        int3 growPlus = int3(int(table->entries[1].InboxAddress != 0ul), int(table->entries[3].InboxAddress != 0ul), int(_1754));
        for (uint s = 0u; s < arguments.steps; s++)
        {
            uint param_2 = tile;
            uint param_3 = current;
            int param_4 = (int(arguments.halo) - 1) - int(arguments.phase + s);
            int3 param_5 = growMinus;
            int3 param_6 = growPlus;
            advance(param_2, param_3, param_4, param_5, param_6, arguments, gl_LocalInvocationIndex, v_1119);
            current = 1u - current;
        }
    }
    if ((arguments.flags & 2u) != 0u)
    {
        uint param_7 = tile;
        uint param_8 = current;
        bool _1802 = send(param_7, param_8, arguments, faults, sharedFlag, gl_LocalInvocationIndex, v_647, v_1119);
    }
}

