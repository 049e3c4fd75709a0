// One explicit step of the 2D heat (5-point) and 3D wave (7-point) stencils over whole grids in
// device memory, one thread per cell. Grids are x-fastest: index = x + width * (y + height * z).
#include "ringkernel_stencils.cuh"

extern "C" __global__ void heat2d_step(const float* current, float* next, int width, int height, float alpha, int periodic, float fixed_value)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= width || y >= height)
        return;
    float west = rk_read(current, width, height, 1, x - 1, y, 0, periodic, fixed_value);
    float east = rk_read(current, width, height, 1, x + 1, y, 0, periodic, fixed_value);
    float north = rk_read(current, width, height, 1, x, y - 1, 0, periodic, fixed_value);
    float south = rk_read(current, width, height, 1, x, y + 1, 0, periodic, fixed_value);
    int i = x + width * y;
    next[i] = rk_heat_update(current[i], west, east, north, south, alpha);
}

/// next may be previous (WaveReference3D.Run steps in place): each thread reads previous[i] before writing next[i].
extern "C" __global__ void wave3d_step(const float* previous, const float* current, float* next,
                                       int width, int height, int depth, float c2, int periodic, float fixed_value)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int z = blockIdx.z * blockDim.z + threadIdx.z;
    if (x >= width || y >= height || z >= depth)
        return;
    int i = x + width * (y + height * z);
    float u = current[i];
    float before = previous[i];
    next[i] = rk_wave_update(u, before,
        rk_read(current, width, height, depth, x - 1, y, z, periodic, fixed_value),
        rk_read(current, width, height, depth, x + 1, y, z, periodic, fixed_value),
        rk_read(current, width, height, depth, x, y - 1, z, periodic, fixed_value),
        rk_read(current, width, height, depth, x, y + 1, z, periodic, fixed_value),
        rk_read(current, width, height, depth, x, y, z - 1, periodic, fixed_value),
        rk_read(current, width, height, depth, x, y, z + 1, periodic, fixed_value),
        c2);
}
