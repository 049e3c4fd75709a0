// Halo exchange over device K2K: a 2D heat grid split into tiles (TileGrid), one block per tile, all
// resident (a cooperative launch). Every step each tile sends its four edge strips to its face
// neighbours as HaloChunk messages (HaloMessageHeader.Step is the epoch) on the routes of its
// K2KFabric endpoint, and fills its halo from the strips in its inboxes, then updates its interior.
// A 5-point stencil needs faces only. A tile on a fixed boundary has no route or inbox on that face;
// its halo there holds the fixed value. The result is bit for bit HeatReference2D's.
#include "ringkernel_k2k.cuh"
#include "ringkernel_stencils.cuh"

static constexpr int RK_FACES_2D = 4; // XMinus, XPlus, YMinus, YPlus: the K2KDirection route numbers 0 to 3, as TileFace

struct rk_tile2d
{
    float* cells; // (tile_w + 2) x (tile_h + 2), halo included
    int tile_w;
    int tile_h;

    __device__ float& at(int x, int y) { return cells[(x + 1) + (tile_w + 2) * (y + 1)]; }
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

static __device__ __forceinline__ rk_u32 rk_chunk_count(int n)
{
    return (rk_u32)((n + (int)RINGKERNEL_HALO_CHUNK_CAPACITY - 1) / (int)RINGKERNEL_HALO_CHUNK_CAPACITY);
}

/// Thread 0: sends the strip leaving through face f on route f as ceil(n / HaloChunk capacity) chunks,
/// each carrying only its cells, waiting while the inbox is full.
static __device__ void rk_send_strip(const rk_fabric_endpoint* endpoint, rk_tile2d& t, int face, rk_u64 step, rk_u32 tile)
{
    int n = rk_strip_length(t, face);
    rk_u32 chunks = rk_chunk_count(n);
    HaloChunk chunk;
    for (rk_u32 c = 0; c < chunks; c++)
    {
        int first = (int)(c * RINGKERNEL_HALO_CHUNK_CAPACITY);
        int count = rk_min((int)RINGKERNEL_HALO_CHUNK_CAPACITY, n - first);
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
        while (rk_fabric_send(endpoint, (rk_u32)face, tile, RINGKERNEL_HALO_CHUNK_TYPE_ID, &chunk, bytes, &sequence, &peer) == RK_K2K_FULL)
            delay = rk_backoff(delay, 1000u);
    }
}

/// Thread 0: fills the halo on face f from the chunks of this step in inbox f; counts chunks out of
/// sequence, of another step or out of order, and rejected ones (whose cells it leaves as they were).
static __device__ void rk_receive_strip(const rk_fabric_endpoint* endpoint, rk_tile2d& t, int face, rk_u64 step, rk_u32* errors)
{
    int n = rk_strip_length(t, face);
    rk_u32 chunks = rk_chunk_count(n);
    for (rk_u32 c = 0; c < chunks; c++)
    {
        const rk_u8* slot;
        rk_u32 status;
        rk_u32 delay = 32u;
        while ((status = rk_fabric_peek(endpoint, (rk_u32)face, &slot)) == RK_K2K_EMPTY)
            delay = rk_backoff(delay, 1000u);
        if (status != RK_K2K_OK)
            atomicAdd(errors, 1u);
        if (slot == (const rk_u8*)0)
            continue;
        const HaloChunk* chunk = (const HaloChunk*)(slot + sizeof(MessageHeader));
        int first = (int)(c * RINGKERNEL_HALO_CHUNK_CAPACITY);
        if (chunk->Header.Step != step || chunk->Header.ChunkIndex != c || chunk->Header.ChunkCount != chunks)
            atomicAdd(errors, 1u);
        int count = rk_min((int)chunk->Header.ElementCount, n - first);
        for (int i = 0; i < count; i++)
            rk_halo_cell(t, face, first + i) = chunk->Data[i];
        rk_fabric_commit(endpoint, (rk_u32)face);
    }
}

/// endpoints: one per tile (tile i is K2K kernel i), its routes and inboxes by face, absent where a
/// fixed boundary has no neighbour; scratch: 2 * (tile_w + 2) * (tile_h + 2) floats per tile.
extern "C" __global__ void halo_heat2d(const float* field_in, float* field_out, int width, int tile_w, int tile_h, int tiles_x,
                                       float alpha, float fixed_value, int steps, const rk_fabric_endpoint* endpoints,
                                       float* scratch, rk_u32* errors)
{
    rk_u32 tile = blockIdx.x;
    int origin_x = (int)(tile % (rk_u32)tiles_x) * tile_w;
    int origin_y = (int)(tile / (rk_u32)tiles_x) * tile_h;
    long long cells = (long long)(tile_w + 2) * (tile_h + 2);
    rk_tile2d current = { scratch + (long long)tile * 2 * cells, tile_w, tile_h };
    rk_tile2d next = { current.cells + cells, tile_w, tile_h };
    const rk_fabric_endpoint* endpoint = endpoints + tile;
    int threads = blockDim.x * blockDim.y;
    int thread = threadIdx.x + blockDim.x * threadIdx.y;

    for (int i = thread; i < cells; i += threads)
    {
        current.cells[i] = fixed_value;
        next.cells[i] = fixed_value;
    }
    __syncthreads();
    for (int i = thread; i < tile_w * tile_h; i += threads)
    {
        int x = i % tile_w, y = i / tile_w;
        current.at(x, y) = field_in[(origin_x + x) + width * (origin_y + y)];
    }
    __syncthreads();

    for (int step = 0; step < steps; step++)
    {
        if (rk_is_leader())
        {
            for (int face = 0; face < RK_FACES_2D; face++)
            {
                if (endpoint->routes[face].InboxAddress != 0ull)
                    rk_send_strip(endpoint, current, face, (rk_u64)step, tile);
            }
            for (int face = 0; face < RK_FACES_2D; face++)
            {
                if (endpoint->inboxes[face] != 0ull)
                    rk_receive_strip(endpoint, current, face, (rk_u64)step, errors);
            }
        }
        __syncthreads();
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

    for (int i = thread; i < tile_w * tile_h; i += threads)
    {
        int x = i % tile_w, y = i / tile_w;
        field_out[(origin_x + x) + width * (origin_y + y)] = current.at(x, y);
    }
}
