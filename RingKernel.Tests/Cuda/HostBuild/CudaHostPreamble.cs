namespace RingKernel.Tests.Cuda.HostBuild;

/// <summary>CUDA C compiled by a host compiler instead of NVRTC: what NVRTC provides and a host compiler lacks, for one thread in one block.</summary>
internal static class CudaHostPreamble
{
    public const string Text = """
        #define __device__
        #define __global__
        #define __shared__ static
        #define __forceinline__ inline
        struct rk_dim3 { unsigned x, y, z; };
        static const rk_dim3 threadIdx = {0, 0, 0};
        static inline int __syncthreads_or(int p) { return p; }
        static inline void __syncthreads() {}
        static inline void __threadfence_system() { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

        """;
}
