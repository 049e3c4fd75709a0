// Device primitives every RingKernel CUDA program uses: memory-ordered loads and stores, back-off,
// CRC-32C. Rings, control blocks and K2K inboxes live in pinned host memory mapped into the device,
// where the other side may be a CPU thread, so their loads and stores are at system scope. Needs
// compute capability 7.0 (acquire and release qualifiers, nanosleep).
#pragma once
#include "ringkernel_layouts.cuh"

typedef unsigned long long rk_u64;
typedef unsigned int rk_u32;
typedef unsigned char rk_u8;

#if defined(__CUDA_ARCH__)
static __device__ __forceinline__ rk_u64 rk_load_acquire_sys(const rk_u64* p)
{
    rk_u64 v;
    asm volatile("ld.acquire.sys.global.u64 %0, [%1];" : "=l"(v) : "l"(p) : "memory");
    return v;
}

static __device__ __forceinline__ rk_u32 rk_load_acquire_sys32(const rk_u32* p)
{
    rk_u32 v;
    asm volatile("ld.acquire.sys.global.u32 %0, [%1];" : "=r"(v) : "l"(p) : "memory");
    return v;
}

static __device__ __forceinline__ void rk_store_release_sys(rk_u64* p, rk_u64 v)
{
    asm volatile("st.release.sys.global.u64 [%0], %1;" : : "l"(p), "l"(v) : "memory");
}

static __device__ __forceinline__ void rk_store_release_sys32(rk_u32* p, rk_u32 v)
{
    asm volatile("st.release.sys.global.u32 [%0], %1;" : : "l"(p), "r"(v) : "memory");
}

/// Sleeps about ns nanoseconds: an idle persistent kernel must not saturate the memory system.
static __device__ __forceinline__ void rk_nanosleep(rk_u32 ns)
{
    asm volatile("nanosleep.u32 %0;" : : "r"(ns));
}

/// The device's nanosecond clock (%globaltimer), for bounding a wait.
static __device__ __forceinline__ rk_u64 rk_time_ns()
{
    rk_u64 t;
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
    return t;
}
#else
// A host compiler builds these headers too (with the execution-space keywords defined away), so the
// kernels' ring protocol runs against the C# rings in the test suite on a machine without a GPU.
static inline rk_u64 rk_load_acquire_sys(const rk_u64* p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline rk_u32 rk_load_acquire_sys32(const rk_u32* p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void rk_store_release_sys(rk_u64* p, rk_u64 v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline void rk_store_release_sys32(rk_u32* p, rk_u32 v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
#include <sched.h>
#include <time.h>
static inline void rk_nanosleep(rk_u32) { sched_yield(); }
static inline rk_u64 rk_time_ns()
{
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (rk_u64)now.tv_sec * 1000000000ull + (rk_u64)now.tv_nsec;
}
#endif

/// Exponential back-off from 32 ns to max_ns; returns the next delay.
static __device__ __forceinline__ rk_u32 rk_backoff(rk_u32 delay, rk_u32 max_ns)
{
    rk_nanosleep(delay);
    return delay < max_ns ? delay * 2u : max_ns;
}

static __device__ __forceinline__ int rk_min(int a, int b)
{
    return a < b ? a : b;
}

static __device__ __forceinline__ bool rk_is_leader()
{
    return threadIdx.x == 0 && threadIdx.y == 0 && threadIdx.z == 0;
}

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) over len bytes, continuing from crc.
static __device__ inline rk_u32 rk_crc32c_append(rk_u32 crc, const rk_u8* data, rk_u32 len)
{
    for (rk_u32 i = 0; i < len; i++)
    {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return crc;
}

/// The checksum MessageChecksum.Compute gives: CRC-32C over the header with its Checksum field
/// taken as zero, then the payload.
static __device__ inline rk_u32 rk_message_checksum(const MessageHeader* header, const rk_u8* payload)
{
    MessageHeader copy = *header;
    copy.Checksum = 0u;
    rk_u32 crc = rk_crc32c_append(0xFFFFFFFFu, (const rk_u8*)&copy, (rk_u32)sizeof(MessageHeader));
    crc = rk_crc32c_append(crc, payload, header->PayloadSize);
    return ~crc;
}
