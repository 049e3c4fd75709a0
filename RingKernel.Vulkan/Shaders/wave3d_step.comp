#version 450
// One leapfrog step of the 3D wave equation (RingKernel.Stencils.WaveEquation3D), one thread per
// cell, neighbours read from global memory. The new level overwrites the previous one in place
// (each cell reads only its own previous value). The update is evaluated in
// WaveEquation3D.Update's order, every operation rounded separately (`precise`: no fused
// multiply-adds), so the result matches WaveReference3D bit for bit.
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
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    int z = int(gl_GlobalInvocationID.z);
    if (x >= int(arguments.width) || y >= int(arguments.height) || z >= int(arguments.depth))
        return;
    int at = (z * int(arguments.height) + y) * int(arguments.width) + x;
    float u = current[at];
    float old = previous[at];
    float xMinus = cell(x - 1, y, z);
    float xPlus = cell(x + 1, y, z);
    float yMinus = cell(x, y - 1, z);
    float yPlus = cell(x, y + 1, z);
    float zMinus = cell(x, y, z - 1);
    float zPlus = cell(x, y, z + 1);
    precise float result = ((2.0 * u) - old) + (arguments.c2 * ((((((xMinus + xPlus) + yMinus) + yPlus) + zMinus) + zPlus) - (6.0 * u)));
    previous[at] = result;
}
