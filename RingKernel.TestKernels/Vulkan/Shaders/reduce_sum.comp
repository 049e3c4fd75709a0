#version 450
// Sums n unsigned integers (mod 2^32). Each thread first adds a grid-stride run of the input,
// the workgroup then reduces in shared memory (a tree with a barrier per level, for any workgroup
// size), and thread 0 writes the workgroup's partial sum to sums[1 + workgroup] and adds it
// atomically to the total in sums[0].
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

layout(std430, set = 0, binding = 0) readonly buffer Input { uint values[]; };
layout(std430, set = 0, binding = 1) buffer Sums { uint sums[]; };
layout(push_constant) uniform Arguments { uint n; } arguments;

shared uint partial[gl_WorkGroupSize.x];

void main()
{
    uint local = gl_LocalInvocationID.x;
    uint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    uint sum = 0u;
    for (uint i = gl_GlobalInvocationID.x; i < arguments.n; i += stride)
        sum += values[i];
    partial[local] = sum;
    barrier();

    for (uint step = 1u; step < gl_WorkGroupSize.x; step *= 2u)
    {
        if (local % (2u * step) == 0u && local + step < gl_WorkGroupSize.x)
            partial[local] += partial[local + step];
        barrier();
    }

    if (local == 0u)
    {
        sums[1u + gl_WorkGroupID.x] = partial[0];
        atomicAdd(sums[0], partial[0]);
    }
}
