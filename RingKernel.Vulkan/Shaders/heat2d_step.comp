#version 450
// One explicit step of the 2D heat equation (RingKernel.Stencils.HeatEquation2D), one thread per
// cell, neighbours read from global memory. The update is evaluated in HeatEquation2D.Update's
// order, every operation rounded separately (`precise`: no contraction into fused multiply-adds),
// so the result matches HeatReference2D bit for bit.
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
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    if (x >= int(arguments.width) || y >= int(arguments.height))
        return;
    float u = current[y * int(arguments.width) + x];
    float west = cell(x - 1, y);
    float east = cell(x + 1, y);
    float north = cell(x, y - 1);
    float south = cell(x, y + 1);
    precise float result = u + (arguments.alpha * ((((west + east) + north) + south) - (4.0 * u)));
    next[y * int(arguments.width) + x] = result;
}
