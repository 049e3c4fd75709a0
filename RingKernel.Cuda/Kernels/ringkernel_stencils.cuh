// The stencil updates, bit for bit the C# references (HeatEquation2D.Update, WaveEquation3D.Update,
// StencilBoundary.Read): the same operations in the same order, compiled with --fmad=false so no
// multiply-add is contracted into an FMA.
#pragma once
#include "ringkernel_device.cuh"

/// StencilBoundary.Read: inside the grid the cell; outside, the fixed value or the wrapped cell.
static __device__ __forceinline__ int rk_wrap(int coordinate, int extent)
{
    int wrapped = coordinate % extent;
    return wrapped < 0 ? wrapped + extent : wrapped;
}

static __device__ __forceinline__ float rk_read(const float* field, int width, int height, int depth,
                                                int x, int y, int z, int periodic, float fixed_value)
{
    bool inside = (unsigned)x < (unsigned)width && (unsigned)y < (unsigned)height && (unsigned)z < (unsigned)depth;
    if (inside)
        return field[x + width * (y + height * z)];
    if (!periodic)
        return fixed_value;
    return field[rk_wrap(x, width) + width * (rk_wrap(y, height) + height * rk_wrap(z, depth))];
}

/// HeatEquation2D.Update.
static __device__ __forceinline__ float rk_heat_update(float u, float west, float east, float north, float south, float alpha)
{
    return u + (alpha * ((((west + east) + north) + south) - (4.0f * u)));
}

/// WaveEquation3D.Update.
static __device__ __forceinline__ float rk_wave_update(float u, float previous, float xm, float xp, float ym, float yp, float zm, float zp, float c2)
{
    return ((2.0f * u) - previous) + (c2 * ((((((xm + xp) + ym) + yp) + zm) + zp) - (6.0f * u)));
}
