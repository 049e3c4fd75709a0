#version 450
// One explicit step of the 2D heat equation (RingKernel.Stencils.HeatEquation2D) with a
// shared-memory tile: each workgroup loads its block of cells and a one-cell apron (the boundary
// applied there) into shared memory once, then every thread reads its four neighbours from the
// tile. Same update, same operation order and `precise` as heat2d_step.comp, so the result matches
// HeatReference2D bit for bit.
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

layout(std430, set = 0, binding = 0) readonly buffer Current { float current[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Next { float next[]; };
layout(push_constant) uniform Arguments
{
    uint width;
    uint height;
    uint periodic;      // 1: the grid wraps around; 0: cells outside hold fixedValue
    float fixedValue;
    float alpha;
} arguments;

const uint TileWidth = gl_WorkGroupSize.x + 2u;
const uint TileHeight = gl_WorkGroupSize.y + 2u;
shared float tile[TileWidth * TileHeight];

// Cell (x, y) where x and y may be one step outside the grid.
float cell(int x, int y)
{
    int w = int(arguments.width);
    int h = int(arguments.height);
    if (x >= 0 && x < w && y >= 0 && y < h)
        return current[y * w + x];
    if (arguments.periodic == 0u)
        return arguments.fixedValue;
    x = x < 0 ? x + w : (x >= w ? x - w : x);
    y = y < 0 ? y + h : (y >= h ? y - h : y);
    return current[y * w + x];
}

void main()
{
    int originX = int(gl_WorkGroupID.x * gl_WorkGroupSize.x) - 1;
    int originY = int(gl_WorkGroupID.y * gl_WorkGroupSize.y) - 1;
    uint threads = gl_WorkGroupSize.x * gl_WorkGroupSize.y;
    // The tile and its apron, loaded by the workgroup's threads in turn (row-major).
    for (uint i = gl_LocalInvocationIndex; i < TileWidth * TileHeight; i += threads)
        tile[i] = cell(originX + int(i % TileWidth), originY + int(i / TileWidth));
    barrier();

    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    if (x >= int(arguments.width) || y >= int(arguments.height))
        return;
    uint at = (gl_LocalInvocationID.y + 1u) * TileWidth + gl_LocalInvocationID.x + 1u;
    float u = tile[at];
    float west = tile[at - 1u];
    float east = tile[at + 1u];
    float north = tile[at - TileWidth];
    float south = tile[at + TileWidth];
    precise float result = u + (arguments.alpha * ((((west + east) + north) + south) - (4.0 * u)));
    next[y * int(arguments.width) + x] = result;
}
