#version 450
// One leapfrog step of the 3D wave equation (RingKernel.Stencils.WaveEquation3D) with a
// shared-memory block: each workgroup loads its box of current cells and a one-cell apron (the
// boundary applied there) into shared memory once, then every thread reads its six neighbours from
// it. Same update, same operation order and `precise` as wave3d_step.comp, so the result matches
// WaveReference3D bit for bit. The new level overwrites the previous one in place.
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

layout(std430, set = 0, binding = 0) buffer Previous { float previous[]; };
layout(std430, set = 0, binding = 1) readonly buffer Current { float current[]; };
layout(push_constant) uniform Arguments
{
    uint width;
    uint height;
    uint depth;
    uint periodic;      // 1: the grid wraps around; 0: cells outside hold fixedValue
    float fixedValue;
    float c2;
} arguments;

const uint BoxWidth = gl_WorkGroupSize.x + 2u;
const uint BoxHeight = gl_WorkGroupSize.y + 2u;
const uint BoxDepth = gl_WorkGroupSize.z + 2u;
shared float box[BoxWidth * BoxHeight * BoxDepth];

// Cell (x, y, z) where each coordinate may be one step outside the grid.
float cell(int x, int y, int z)
{
    int w = int(arguments.width);
    int h = int(arguments.height);
    int d = int(arguments.depth);
    if (x >= 0 && x < w && y >= 0 && y < h && z >= 0 && z < d)
        return current[(z * h + y) * w + x];
    if (arguments.periodic == 0u)
        return arguments.fixedValue;
    x = x < 0 ? x + w : (x >= w ? x - w : x);
    y = y < 0 ? y + h : (y >= h ? y - h : y);
    z = z < 0 ? z + d : (z >= d ? z - d : z);
    return current[(z * h + y) * w + x];
}

void main()
{
    ivec3 origin = ivec3(gl_WorkGroupID * gl_WorkGroupSize) - ivec3(1);
    uint threads = gl_WorkGroupSize.x * gl_WorkGroupSize.y * gl_WorkGroupSize.z;
    // The box and its apron, loaded by the workgroup's threads in turn (X fastest).
    for (uint i = gl_LocalInvocationIndex; i < BoxWidth * BoxHeight * BoxDepth; i += threads)
    {
        uint plane = i / BoxWidth;
        box[i] = cell(origin.x + int(i % BoxWidth), origin.y + int(plane % BoxHeight), origin.z + int(plane / BoxHeight));
    }
    barrier();

    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    int z = int(gl_GlobalInvocationID.z);
    if (x >= int(arguments.width) || y >= int(arguments.height) || z >= int(arguments.depth))
        return;
    uint row = BoxWidth;
    uint plane = BoxWidth * BoxHeight;
    uint at = (gl_LocalInvocationID.z + 1u) * plane + (gl_LocalInvocationID.y + 1u) * row + gl_LocalInvocationID.x + 1u;
    int cellAt = (z * int(arguments.height) + y) * int(arguments.width) + x;
    float u = box[at];
    float old = previous[cellAt];
    float xMinus = box[at - 1u];
    float xPlus = box[at + 1u];
    float yMinus = box[at - row];
    float yPlus = box[at + row];
    float zMinus = box[at - plane];
    float zPlus = box[at + plane];
    precise float result = ((2.0 * u) - old) + (arguments.c2 * ((((((xMinus + xPlus) + yMinus) + yPlus) + zMinus) + zPlus) - (6.0 * u)));
    previous[cellAt] = result;
}
