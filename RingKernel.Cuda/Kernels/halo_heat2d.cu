// Halo exchange over device K2K: the 2D heat tiles of a CudaTileGroup (a TileGrid's tiles), one block
// per tile, all resident (a cooperative launch). Each tile's two padded levels (HaloTileLayout, tile
// after tile) stay in device memory from launch to launch. Every step each tile sends its four edge
// strips to its face neighbours as HaloChunk messages (HaloMessageHeader.Step is the step) on the
// routes of its K2KFabric endpoint, fills its halo from the strips in its inboxes, then updates its
// interior. A 5-point stencil needs faces only. A tile on a fixed boundary has no route or inbox on
// that face; its halo there holds the fixed value the host loaded. A launch leaves every inbox empty.
// The result is bit for bit HeatReference2D's.
#include "ringkernel_k2k.cuh"
#include "ringkernel_stencils.cuh"

static constexpr int RK_FACES_2D = 4; // XMinus, XPlus, YMinus, YPlus: the K2KDirection route numbers 0 to 3, as TileFace

// The first fault of a launch, as HaloFault (RingKernel.Core/Stencils/Halo/HaloFault.cs) reads it:
// code, tile, step, direction, field, expected, found, chunk. The codes and fields are halo_stencil.comp's.
static constexpr rk_u32 RK_HALO_WRONG_STEP = 1u;
static constexpr rk_u32 RK_HALO_WRONG_SEQUENCE = 2u;
static constexpr rk_u32 RK_HALO_WRONG_FIELD = 3u;
static constexpr rk_u32 RK_HALO_MISSING_CHUNKS = 4u;
static constexpr rk_u32 RK_HALO_INBOX_FULL = 5u;
static constexpr rk_u32 RK_HALO_WRONG_TYPE = 6u;
static constexpr rk_u32 RK_HALO_FIELD_CHUNK_INDEX = 4u;
static constexpr rk_u32 RK_HALO_FIELD_CHUNK_COUNT = 5u;
static constexpr rk_u32 RK_HALO_FIELD_ELEMENT_COUNT = 6u;

// How long a tile waits for a neighbour's chunk, or for room in a neighbour's inbox, before it reports
// the chunks missing (or the inbox full): far longer than a resident neighbour ever takes, so only a
// lost chunk or a tile that stopped gets there. A fault anywhere ends every tile's waits at once.
static constexpr rk_u64 RK_HALO_WAIT_NS = 2000000000ull;

struct rk_tile2d
{
    float* cells; // one padded level: padded_w x (tile_h + 2 * pad)
    int tile_w;
    int tile_h;
    int pad;
    int padded_w;

    __device__ float& at(int x, int y) { return cells[(x + pad) + padded_w * (y + pad)]; }
};

/// The edge cell number i of the strip that leaves through face f (the neighbour's halo on its opposite face).
static __device__ float rk_edge_cell(rk_tile2d& t, int face, int i)
{
    switch (face)
    {
        case 0: return t.at(0, i);
        case 1: return t.at(t.tile_w - 1, i);
        case 2: return t.at(i, 0);
        default: return t.at(i, t.tile_h - 1);
    }
}

/// The halo cell number i on face f.
static __device__ float& rk_halo_cell(rk_tile2d& t, int face, int i)
{
    switch (face)
    {
        case 0: return t.at(-1, i);
        case 1: return t.at(t.tile_w, i);
        case 2: return t.at(i, -1);
        default: return t.at(i, t.tile_h);
    }
}

static __device__ __forceinline__ int rk_strip_length(const rk_tile2d& t, int face)
{
    return face < 2 ? t.tile_h : t.tile_w;
}

static __device__ __forceinline__ rk_u32 rk_chunk_count(int n, int chunk_elements)
{
    return (rk_u32)((n + chunk_elements - 1) / chunk_elements);
}

static __device__ __forceinline__ bool rk_halo_faulted(const rk_u32* faults)
{
    return *(const volatile rk_u32*)faults != 0u;
}

/// Keeps the launch's first fault: the block that claims the code writes the rest.
static __device__ void rk_halo_fault(rk_u32* faults, rk_u32 code, rk_u32 tile, rk_u64 step, int face, rk_u32 field, rk_u32 expected, rk_u32 found, rk_u32 chunk)
{
    if (atomicCAS(faults, 0u, code) != 0u)
        return;
    faults[1] = tile;
    faults[2] = (rk_u32)step;
    faults[3] = (rk_u32)face;
    faults[4] = field;
    faults[5] = expected;
    faults[6] = found;
    faults[7] = chunk;
}

/// Thread 0: sends the strip leaving through face f on route f as ceil(n / chunk_elements) chunks,
/// each carrying only its cells, waiting while the inbox is full (see RK_HALO_WAIT_NS).
static __device__ void rk_send_strip(const rk_fabric_endpoint* endpoint, rk_tile2d& t, int face, rk_u64 step, rk_u32 tile, int chunk_elements, rk_u32* faults)
{
    int n = rk_strip_length(t, face);
    rk_u32 chunks = rk_chunk_count(n, chunk_elements);
    HaloChunk chunk;
    for (rk_u32 c = 0; c < chunks; c++)
    {
        int first = (int)c * chunk_elements;
        int count = rk_min(chunk_elements, n - first);
        chunk.Header.Step = step;
        chunk.Header.SourceTile = tile;
        chunk.Header.Direction = (rk_u32)face;
        chunk.Header.HaloWidth = 1u;
        chunk.Header.ElementCount = (rk_u32)count;
        chunk.Header.ChunkIndex = c;
        chunk.Header.ChunkCount = chunks;
        for (int i = 0; i < count; i++)
            chunk.Data[i] = rk_edge_cell(t, face, first + i);
        rk_u32 bytes = RINGKERNEL_HALO_MESSAGE_HEADER_SIZE + (rk_u32)count * (rk_u32)sizeof(float);
        rk_u64 sequence;
        rk_u32 peer;
        rk_u32 delay = 32u;
        rk_u64 since = 0ull;
        while (rk_fabric_send(endpoint, (rk_u32)face, tile, RINGKERNEL_HALO_CHUNK_TYPE_ID, &chunk, bytes, &sequence, &peer) == RK_K2K_FULL)
        {
            if (rk_halo_faulted(faults))
                return;
            if (since == 0ull)
                since = rk_time_ns();
            else if (rk_time_ns() - since > RK_HALO_WAIT_NS)
            {
                rk_halo_fault(faults, RK_HALO_INBOX_FULL, tile, step, face, 0u, chunks - c, 0u, c);
                return;
            }
            delay = rk_backoff(delay, 1000u);
        }
    }
}

/// Thread 0: fills the halo on face f from the chunks of this step in inbox f, checking each chunk's
/// K2K sequence number, type, step and chunk numbers; a chunk that does not belong, or one that does
/// not come (see RK_HALO_WAIT_NS), is a fault, which ends the launch for the host to report.
static __device__ void rk_receive_strip(const rk_fabric_endpoint* endpoint, rk_tile2d& t, int face, rk_u64 step, rk_u32 tile, int chunk_elements, rk_u32* faults)
{
    int n = rk_strip_length(t, face);
    rk_u32 chunks = rk_chunk_count(n, chunk_elements);
    for (rk_u32 c = 0; c < chunks; c++)
    {
        const rk_u8* slot;
        rk_u32 status;
        rk_u32 delay = 32u;
        rk_u64 since = 0ull;
        while ((status = rk_fabric_peek(endpoint, (rk_u32)face, &slot)) == RK_K2K_EMPTY)
        {
            if (rk_halo_faulted(faults))
                return;
            if (since == 0ull)
                since = rk_time_ns();
            else if (rk_time_ns() - since > RK_HALO_WAIT_NS)
            {
                rk_halo_fault(faults, RK_HALO_MISSING_CHUNKS, tile, step, face, 0u, chunks, c, c);
                return;
            }
            delay = rk_backoff(delay, 1000u);
        }
        if (slot == (const rk_u8*)0)
        {
            rk_halo_fault(faults, RK_HALO_WRONG_TYPE, tile, step, face, 0u, RINGKERNEL_HALO_CHUNK_TYPE_ID, 0u, c);
            continue;
        }
        const MessageHeader* message = (const MessageHeader*)slot;
        const HaloChunk* chunk = (const HaloChunk*)(slot + sizeof(MessageHeader));
        if (status == RK_K2K_SEQUENCE_GAP)
        {
            rk_u64 expected = rk_ring_open((void*)endpoint->inboxes[face]).header->Head + 1ull;
            rk_halo_fault(faults, RK_HALO_WRONG_SEQUENCE, tile, step, face, 0u, (rk_u32)expected, (rk_u32)message->MessageId, c);
        }
        else if (message->TypeId != RINGKERNEL_HALO_CHUNK_TYPE_ID)
            rk_halo_fault(faults, RK_HALO_WRONG_TYPE, tile, step, face, 0u, RINGKERNEL_HALO_CHUNK_TYPE_ID, message->TypeId, c);
        else if (chunk->Header.Step != step)
            rk_halo_fault(faults, RK_HALO_WRONG_STEP, tile, step, face, 0u, (rk_u32)step, (rk_u32)chunk->Header.Step, c);
        else if (chunk->Header.ChunkIndex != c)
            rk_halo_fault(faults, RK_HALO_WRONG_FIELD, tile, step, face, RK_HALO_FIELD_CHUNK_INDEX, c, chunk->Header.ChunkIndex, c);
        else if (chunk->Header.ChunkCount != chunks)
            rk_halo_fault(faults, RK_HALO_WRONG_FIELD, tile, step, face, RK_HALO_FIELD_CHUNK_COUNT, chunks, chunk->Header.ChunkCount, c);
        int first = (int)c * chunk_elements;
        int expected_count = rk_min(chunk_elements, n - first);
        if ((int)chunk->Header.ElementCount != expected_count)
            rk_halo_fault(faults, RK_HALO_WRONG_FIELD, tile, step, face, RK_HALO_FIELD_ELEMENT_COUNT, (rk_u32)expected_count, chunk->Header.ElementCount, c);
        int count = rk_min((int)chunk->Header.ElementCount, expected_count);
        for (int i = 0; i < count; i++)
            rk_halo_cell(t, face, first + i) = chunk->Data[i];
        rk_fabric_commit(endpoint, (rk_u32)face);
    }
}

/// fields: every tile's two padded levels (level_length floats each), tile after tile; current_level:
/// the level holding the cells at first_step; endpoints: one per tile (tile i is K2K kernel i), its
/// routes and inboxes by face, absent where a fixed boundary has no neighbour; faults: 8 words, the
/// launch's first fault (0 when none).
extern "C" __global__ void halo_heat2d(float* fields, int level_length, int padded_w, int pad, int tile_w, int tile_h, float alpha,
                                       int current_level, unsigned int first_step, int steps, int chunk_elements,
                                       const rk_fabric_endpoint* endpoints, rk_u32* faults)
{
    rk_u32 tile = blockIdx.x;
    float* levels = fields + (long long)tile * 2 * level_length;
    rk_tile2d current = { levels + (long long)current_level * level_length, tile_w, tile_h, pad, padded_w };
    rk_tile2d next = { levels + (long long)(1 - current_level) * level_length, tile_w, tile_h, pad, padded_w };
    const rk_fabric_endpoint* endpoint = endpoints + tile;
    int threads = blockDim.x * blockDim.y;
    int thread = threadIdx.x + blockDim.x * threadIdx.y;

    for (int s = 0; s < steps; s++)
    {
        rk_u64 step = (rk_u64)first_step + (rk_u64)s;
        if (rk_is_leader())
        {
            for (int face = 0; face < RK_FACES_2D; face++)
            {
                if (endpoint->routes[face].InboxAddress != 0ull)
                    rk_send_strip(endpoint, current, face, step, tile, chunk_elements, faults);
            }
            for (int face = 0; face < RK_FACES_2D; face++)
            {
                if (endpoint->inboxes[face] != 0ull)
                    rk_receive_strip(endpoint, current, face, step, tile, chunk_elements, faults);
            }
        }
        // A fault anywhere ends the launch: the host reports it, and the tiles' levels and inboxes are
        // what a restart from the checkpoint replaces.
        if (__syncthreads_or(rk_is_leader() && rk_halo_faulted(faults)))
            return;
        for (int i = thread; i < tile_w * tile_h; i += threads)
        {
            int x = i % tile_w, y = i / tile_w;
            float u = current.at(x, y);
            next.at(x, y) = rk_heat_update(u, current.at(x - 1, y), current.at(x + 1, y), current.at(x, y - 1), current.at(x, y + 1), alpha);
        }
        __syncthreads();
        rk_tile2d swap = current;
        current = next;
        next = swap;
    }
}
