#version 450
// Tiled stencil with halo exchange over K2K: one workgroup per tile (a threadgroup actor), one
// dispatch per epoch of up to `halo` steps. A dispatch
//   1. receives the halo of step `receiveStep` from each inbox: checks every chunk's MessageHeader
//      (sequence number = consumer position + 1, type, size) and HaloMessageHeader (step, face,
//      sender, halo width, chunk index and count, element count), then copies the data into the
//      halo and releases the slots; a chunk that does not belong is reported, never used;
//   2. computes `steps` steps over a region that shrinks by one cell per step from the full halo to
//      the tile (communication-avoiding), growing only across faces that have a neighbour; a run
//      that starts mid-epoch (`phase` steps of it done by the last run) receives nothing and goes on
//      shrinking from where that run stopped;
//   3. sends the strips its neighbours need for step `sendStep` as HaloChunk messages on its routes.
// Chunks sent in one dispatch are received in the next: no workgroup ever waits for another.
// Workgroups run in any order, so a sender may publish the next epoch's chunks behind the ones its
// receiver has not yet taken in the same dispatch; the receiver takes exactly its epoch's chunks
// from the head (inboxes hold two strips), and the step check proves it never takes a later one.
// Heat 2D (5-point) and wave 3D (7-point leapfrog) use HeatEquation2D's and WaveEquation3D's
// operation order with `precise`, so the tiles match the single-grid references bit for bit.
#extension GL_GOOGLE_include_directive : require
#include "ringkernel_layouts.glsl"
#include "halo_inbox.glsl"
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

const uint KIND_HEAT2D = 0u;
const uint KIND_WAVE3D = 1u;
const uint RECEIVE = 1u;
const uint SEND = 2u;

// Fault codes (HaloFault on the host); the first fault of a run is kept.
const uint FAULT_WRONG_STEP = 1u;
const uint FAULT_WRONG_SEQUENCE = 2u;
const uint FAULT_WRONG_FIELD = 3u;
const uint FAULT_MISSING_CHUNKS = 4u;
const uint FAULT_INBOX_FULL = 5u;
const uint FAULT_WRONG_TYPE = 6u;

// Which HaloMessageHeader field disagreed, for FAULT_WRONG_FIELD.
const uint FIELD_DIRECTION = 1u;
const uint FIELD_SOURCE = 2u;
const uint FIELD_HALO_WIDTH = 3u;
const uint FIELD_CHUNK_INDEX = 4u;
const uint FIELD_CHUNK_COUNT = 5u;
const uint FIELD_ELEMENT_COUNT = 6u;

struct TileLinks
{
    uint64_t routingTable;       // the tile's K2KEndpoint.RoutingTable
    uint64_t inboxes[K2K_ROUTES]; // inbox ring of each direction it receives from; 0: none
    uint sources[K2K_ROUTES];    // the tile that sends into each inbox
};

layout(std430, set = 0, binding = 0) coherent buffer Fields { float fields[]; };
layout(std430, set = 0, binding = 1) readonly buffer Links { TileLinks links[]; };
layout(std430, set = 0, binding = 2) coherent buffer Faults
{
    uint code;
    uint tile;
    uint step;
    uint direction;
    uint field;
    uint expected;
    uint found;
    uint chunk;
} faults;

layout(push_constant) uniform Arguments
{
    uvec3 tileSize;       // cells of one tile (depth 1 in 2D)
    uint halo;
    uint kind;            // KIND_HEAT2D or KIND_WAVE3D
    uint levels;          // padded levels sent per strip: 1 (current) or 2 (current, previous)
    uint currentLevel;    // which of the tile's two padded fields is current when the dispatch starts
    uint steps;           // steps to compute
    uint receiveStep;     // the epoch whose halo is received (with RECEIVE)
    uint sendStep;        // the epoch whose halo is sent (with SEND)
    uint flags;           // RECEIVE | SEND
    uint chunkElements;   // floats per chunk, 1 to RINGKERNEL_HALO_CHUNK_CAPACITY
    float coefficient;    // alpha (heat) or c2 (wave)
    uint phase;           // steps of the current epoch done before this dispatch
} arguments;

const ivec3 OFFSETS[K2K_ROUTES] = ivec3[](
    ivec3(-1, 0, 0), ivec3(1, 0, 0), ivec3(0, -1, 0), ivec3(0, 1, 0), ivec3(0, 0, -1), ivec3(0, 0, 1),
    ivec3(-1, -1, 0), ivec3(1, -1, 0), ivec3(-1, 1, 0), ivec3(1, 1, 0),
    ivec3(-1, 0, -1), ivec3(1, 0, -1), ivec3(-1, 0, 1), ivec3(1, 0, 1),
    ivec3(0, -1, -1), ivec3(0, 1, -1), ivec3(0, -1, 1), ivec3(0, 1, 1),
    ivec3(-1, -1, -1), ivec3(1, -1, -1), ivec3(-1, 1, -1), ivec3(1, 1, -1),
    ivec3(-1, -1, 1), ivec3(1, -1, 1), ivec3(-1, 1, 1), ivec3(1, 1, 1));

shared uint sharedFlag;

// The direction pointing back along `d`: the inbox of the neighbour a strip sent on route d fills.
uint opposite(uint d)
{
    for (uint o = 0u; o < K2K_ROUTES; o++)
    {
        if (OFFSETS[o] == -OFFSETS[d])
            return o;
    }
    return d;
}

uint threads() { return gl_WorkGroupSize.x * gl_WorkGroupSize.y * gl_WorkGroupSize.z; }

uint haloZ() { return arguments.kind == KIND_WAVE3D ? arguments.halo : 0u; }

ivec3 paddedSize()
{
    return ivec3(arguments.tileSize) + 2 * ivec3(int(arguments.halo), int(arguments.halo), int(haloZ()));
}

uint paddedLength()
{
    ivec3 p = paddedSize();
    return uint(p.x * p.y * p.z);
}

// Index in `fields` of tile-coordinate cell c of padded level `level` of tile `tile`.
uint fieldIndex(uint tile, uint level, ivec3 c)
{
    ivec3 p = paddedSize();
    ivec3 q = c + ivec3(int(arguments.halo), int(arguments.halo), int(haloZ()));
    return (tile * 2u + level) * paddedLength() + uint(q.x + p.x * (q.y + p.y * q.z));
}

// The cells the neighbour across `step` needs (send) or the halo cells its strip fills (receive).
void region(ivec3 step, bool send, out ivec3 start, out ivec3 end)
{
    ivec3 extent = ivec3(arguments.tileSize);
    ivec3 h = ivec3(int(arguments.halo), int(arguments.halo), int(haloZ()));
    for (int axis = 0; axis < 3; axis++)
    {
        int s = step[axis];
        if (s == 0)
        {
            start[axis] = 0;
            end[axis] = extent[axis];
        }
        else if (s < 0)
        {
            start[axis] = send ? 0 : -h[axis];
            end[axis] = send ? h[axis] : 0;
        }
        else
        {
            start[axis] = send ? extent[axis] - h[axis] : extent[axis];
            end[axis] = send ? extent[axis] : extent[axis] + h[axis];
        }
    }
}

// Element e of a strip over region [start, end): level e / cells, then row-major, X fastest.
ivec3 stripCell(ivec3 start, ivec3 end, uint e, out uint level)
{
    ivec3 size = end - start;
    uint cells = uint(size.x * size.y * size.z);
    level = e / cells;
    uint cell = e % cells;
    uint row = cell / uint(size.x);
    return start + ivec3(int(cell % uint(size.x)), int(row % uint(size.y)), int(row / uint(size.y)));
}

// The level index (0 or 1) of strip level `stripLevel`: the current level first, then the previous.
uint levelOf(uint current, uint stripLevel) { return stripLevel == 0u ? current : 1u - current; }

void fault(uint code, uint tile, uint step, uint direction, uint field, uint expected, uint found, uint chunk)
{
    if (atomicCompSwap(faults.code, 0u, code) == 0u)
    {
        faults.tile = tile;
        faults.step = step;
        faults.direction = direction;
        faults.field = field;
        faults.expected = expected;
        faults.found = found;
        faults.chunk = chunk;
    }
    sharedFlag = 1u;
}

uint chunkCount(uint total) { return (total + arguments.chunkElements - 1u) / arguments.chunkElements; }

// Receives the halo of step `receiveStep` from every inbox into the current level (and the previous);
// false, with the fault recorded, when a chunk does not belong.
bool receive(uint tile, uint current)
{
    uint t = gl_LocalInvocationIndex;
    for (uint d = 0u; d < K2K_ROUTES; d++)
    {
        uint64_t address = links[tile].inboxes[d];
        if (address == 0ul)
            continue;
        K2KInbox inbox = K2KInbox(address);
        ivec3 start, end;
        region(OFFSETS[d], false, start, end);
        ivec3 size = end - start;
        uint total = uint(size.x * size.y * size.z) * arguments.levels;
        uint count = chunkCount(total);
        uint64_t head = inbox.header.Head;
        uint64_t readable = inbox.header.Tail - head;
        if (t == 0u && readable < uint64_t(count))
            fault(FAULT_MISSING_CHUNKS, tile, arguments.receiveStep, d, 0u, count, uint(readable), 0u);
        barrier();
        if (sharedFlag != 0u)
            return false;

        for (uint c = t; c < count; c += threads())
        {
            uint slot = k2kSlotWord(inbox, head + c);
            uint payload = k2kPayloadWord(slot, 0u);
            uint64_t sequence = k2kReadU64(inbox, slot + RINGKERNEL_MESSAGE_HEADER_MESSAGE_ID_OFFSET / 4u);
            uint typeId = inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_TYPE_ID_OFFSET / 4u];
            uint payloadSize = inbox.words[slot + RINGKERNEL_MESSAGE_HEADER_PAYLOAD_SIZE_OFFSET / 4u];
            uint64_t chunkStep = k2kReadU64(inbox, payload + RINGKERNEL_HALO_MESSAGE_HEADER_STEP_OFFSET / 4u);
            uint direction = inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_DIRECTION_OFFSET / 4u];
            uint source = inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_SOURCE_TILE_OFFSET / 4u];
            uint width = inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_HALO_WIDTH_OFFSET / 4u];
            uint index = inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_INDEX_OFFSET / 4u];
            uint chunks = inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_COUNT_OFFSET / 4u];
            uint elements = inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_ELEMENT_COUNT_OFFSET / 4u];
            uint expectedElements = min(arguments.chunkElements, total - c * arguments.chunkElements);
            if (sequence != head + c + 1ul)
                fault(FAULT_WRONG_SEQUENCE, tile, arguments.receiveStep, d, 0u, uint(head + c + 1ul), uint(sequence), c);
            else if (typeId != RINGKERNEL_HALO_CHUNK_TYPE_ID || payloadSize != RINGKERNEL_HALO_CHUNK_SIZE)
                fault(FAULT_WRONG_TYPE, tile, arguments.receiveStep, d, 0u, RINGKERNEL_HALO_CHUNK_TYPE_ID, typeId, c);
            else if (chunkStep != uint64_t(arguments.receiveStep))
                fault(FAULT_WRONG_STEP, tile, arguments.receiveStep, d, 0u, arguments.receiveStep, uint(chunkStep), c);
            else if (direction != d)
                fault(FAULT_WRONG_FIELD, tile, arguments.receiveStep, d, FIELD_DIRECTION, d, direction, c);
            else if (source != links[tile].sources[d])
                fault(FAULT_WRONG_FIELD, tile, arguments.receiveStep, d, FIELD_SOURCE, links[tile].sources[d], source, c);
            else if (width != arguments.halo)
                fault(FAULT_WRONG_FIELD, tile, arguments.receiveStep, d, FIELD_HALO_WIDTH, arguments.halo, width, c);
            else if (index != c)
                fault(FAULT_WRONG_FIELD, tile, arguments.receiveStep, d, FIELD_CHUNK_INDEX, c, index, c);
            else if (chunks != count)
                fault(FAULT_WRONG_FIELD, tile, arguments.receiveStep, d, FIELD_CHUNK_COUNT, count, chunks, c);
            else if (elements != expectedElements)
                fault(FAULT_WRONG_FIELD, tile, arguments.receiveStep, d, FIELD_ELEMENT_COUNT, expectedElements, elements, c);
        }
        barrier();
        if (sharedFlag != 0u)
            return false;

        for (uint e = t; e < total; e += threads())
        {
            uint c = e / arguments.chunkElements;
            uint slot = k2kSlotWord(inbox, head + c);
            uint word = k2kPayloadWord(slot, RINGKERNEL_HALO_CHUNK_DATA_OFFSET) + e % arguments.chunkElements;
            uint stripLevel;
            ivec3 cell = stripCell(start, end, e, stripLevel);
            fields[fieldIndex(tile, levelOf(current, stripLevel), cell)] = uintBitsToFloat(inbox.words[word]);
        }
        // Every thread has read its chunks before the slots are released to the sender.
        memoryBarrierBuffer();
        barrier();
        if (t == 0u)
            inbox.header.Head = head + uint64_t(count);
        barrier();
    }
    return true;
}

// Sends the strips of step `sendStep` on every route; false, with the fault recorded, when an inbox
// has no room for a whole strip.
bool send(uint tile, uint current)
{
    uint t = gl_LocalInvocationIndex;
    K2KRoutingTable table = K2KRoutingTable(links[tile].routingTable);
    for (uint d = 0u; d < K2K_ROUTES; d++)
    {
        uint64_t address = table.entries[d].InboxAddress;
        if (address == 0ul)
            continue;
        K2KInbox inbox = K2KInbox(address);
        ivec3 start, end;
        region(OFFSETS[d], true, start, end);
        ivec3 size = end - start;
        uint total = uint(size.x * size.y * size.z) * arguments.levels;
        uint count = chunkCount(total);
        uint64_t tail = inbox.header.Tail;
        uint64_t used = tail - inbox.header.Head;
        uint64_t sequence = table.entries[d].NextSequence;
        uint target = table.entries[d].TargetKernelId;
        if (t == 0u && used + uint64_t(count) > uint64_t(inbox.header.Capacity))
            fault(FAULT_INBOX_FULL, tile, arguments.sendStep, d, 0u, count, inbox.header.Capacity - uint(used), 0u);
        barrier();
        if (sharedFlag != 0u)
            return false;

        for (uint e = t; e < total; e += threads())
        {
            uint c = e / arguments.chunkElements;
            uint slot = k2kSlotWord(inbox, tail + c);
            uint word = k2kPayloadWord(slot, RINGKERNEL_HALO_CHUNK_DATA_OFFSET) + e % arguments.chunkElements;
            uint stripLevel;
            ivec3 cell = stripCell(start, end, e, stripLevel);
            inbox.words[word] = floatBitsToUint(fields[fieldIndex(tile, levelOf(current, stripLevel), cell)]);
        }
        for (uint c = t; c < count; c += threads())
        {
            uint slot = k2kSlotWord(inbox, tail + c);
            uint payload = k2kPayloadWord(slot, 0u);
            k2kWriteMessageHeader(inbox, slot, sequence + c, RINGKERNEL_HALO_CHUNK_TYPE_ID, tile, target, RINGKERNEL_HALO_CHUNK_SIZE);
            k2kWriteU64(inbox, payload + RINGKERNEL_HALO_MESSAGE_HEADER_STEP_OFFSET / 4u, uint64_t(arguments.sendStep));
            inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_SOURCE_TILE_OFFSET / 4u] = tile;
            inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_DIRECTION_OFFSET / 4u] = opposite(d);
            inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_HALO_WIDTH_OFFSET / 4u] = arguments.halo;
            inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_ELEMENT_COUNT_OFFSET / 4u] = min(arguments.chunkElements, total - c * arguments.chunkElements);
            inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_INDEX_OFFSET / 4u] = c;
            inbox.words[payload + RINGKERNEL_HALO_MESSAGE_HEADER_CHUNK_COUNT_OFFSET / 4u] = count;
        }
        // Claim, write, then publish: the slots are complete before the cursor moves.
        memoryBarrierBuffer();
        barrier();
        if (t == 0u)
        {
            inbox.header.Tail = tail + uint64_t(count);
            table.entries[d].NextSequence = sequence + uint64_t(count);
        }
        barrier();
    }
    return true;
}

// One step over the region `extent` cells into the halo (where the tile has a neighbour).
void advance(uint tile, uint current, int extent, ivec3 growMinus, ivec3 growPlus)
{
    ivec3 start = -extent * growMinus;
    ivec3 end = ivec3(arguments.tileSize) + extent * growPlus;
    ivec3 size = end - start;
    uint cells = uint(size.x * size.y * size.z);
    uint next = 1u - current;
    ivec3 p = paddedSize();
    uint rowStride = uint(p.x);
    uint planeStride = uint(p.x * p.y);
    for (uint i = gl_LocalInvocationIndex; i < cells; i += threads())
    {
        uint row = i / uint(size.x);
        ivec3 c = start + ivec3(int(i % uint(size.x)), int(row % uint(size.y)), int(row / uint(size.y)));
        uint at = fieldIndex(tile, current, c);
        uint to = fieldIndex(tile, next, c);
        float u = fields[at];
        float xMinus = fields[at - 1u];
        float xPlus = fields[at + 1u];
        float yMinus = fields[at - rowStride];
        float yPlus = fields[at + rowStride];
        if (arguments.kind == KIND_HEAT2D)
        {
            precise float result = u + (arguments.coefficient * ((((xMinus + xPlus) + yMinus) + yPlus) - (4.0 * u)));
            fields[to] = result;
        }
        else
        {
            float zMinus = fields[at - planeStride];
            float zPlus = fields[at + planeStride];
            float old = fields[to];
            precise float result = ((2.0 * u) - old) + (arguments.coefficient * ((((((xMinus + xPlus) + yMinus) + yPlus) + zMinus) + zPlus) - (6.0 * u)));
            fields[to] = result;
        }
    }
    memoryBarrierBuffer();
    barrier();
}

void main()
{
    uint tile = gl_WorkGroupID.x;
    // A fault anywhere stops every tile from going on with data that may be wrong; one thread
    // reads the flag so the whole workgroup takes the same branch.
    if (gl_LocalInvocationIndex == 0u)
        sharedFlag = faults.code;
    barrier();
    if (sharedFlag != 0u)
        return;

    uint current = arguments.currentLevel;
    if ((arguments.flags & RECEIVE) != 0u && !receive(tile, current))
        return;

    if (arguments.steps > 0u)
    {
        K2KRoutingTable table = K2KRoutingTable(links[tile].routingTable);
        bool is3D = arguments.kind == KIND_WAVE3D;
        ivec3 growMinus = ivec3(table.entries[0].InboxAddress != 0ul ? 1 : 0, table.entries[2].InboxAddress != 0ul ? 1 : 0,
            is3D && table.entries[4].InboxAddress != 0ul ? 1 : 0);
        ivec3 growPlus = ivec3(table.entries[1].InboxAddress != 0ul ? 1 : 0, table.entries[3].InboxAddress != 0ul ? 1 : 0,
            is3D && table.entries[5].InboxAddress != 0ul ? 1 : 0);
        for (uint s = 0u; s < arguments.steps; s++)
        {
            advance(tile, current, int(arguments.halo) - 1 - int(arguments.phase + s), growMinus, growPlus);
            current = 1u - current;
        }
    }

    if ((arguments.flags & SEND) != 0u)
        send(tile, current);
}
