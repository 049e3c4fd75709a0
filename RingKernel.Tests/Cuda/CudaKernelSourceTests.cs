using RingKernel.Cuda.Compilation;
using RingKernel.TestKernels;
using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// Every embedded CUDA program compiles to PTX with clang's CUDA front end, so syntax and type errors
/// in kernels are caught without a GPU or NVRTC. NVRTC predefines what clang gets from a small shim
/// (execution-space keywords, builtin variables, the atomics and barriers the kernels use); no CUDA
/// headers are involved, as with NVRTC.
/// </summary>
public sealed class CudaKernelSourceTests : IDisposable
{
    /// <summary>What NVRTC provides built in and clang -nocudainc does not.</summary>
    private const string NvrtcShim = """
        #define __global__ __attribute__((global))
        #define __device__ __attribute__((device))
        #define __shared__ __attribute__((shared))
        #define __constant__ __attribute__((constant))
        #define __forceinline__ __inline__ __attribute__((always_inline))
        #include "__clang_cuda_builtin_vars.h"
        static __device__ __forceinline__ void __threadfence() { __nvvm_membar_gl(); }
        static __device__ __forceinline__ void __threadfence_system() { __nvvm_membar_sys(); }
        static __device__ __forceinline__ int __syncthreads_or(int p) { return __nvvm_bar0_or(p); }
        static __device__ __forceinline__ unsigned int atomicAdd(unsigned int* a, unsigned int v) { return __nvvm_atom_add_gen_i((int*)a, (int)v); }
        static __device__ __forceinline__ unsigned int atomicCAS(unsigned int* a, unsigned int c, unsigned int v) { return (unsigned int)__nvvm_atom_cas_gen_i((int*)a, (int)c, (int)v); }
        """;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ringkernel-cuda-");

    public CudaKernelSourceTests()
    {
        File.WriteAllText(Path.Combine(_work.FullName, "nvrtc_shim.h"), NvrtcShim);
        foreach ((string name, string text) in CudaKernelSources.Headers)
            File.WriteAllText(Path.Combine(_work.FullName, name), text);
    }

    public static TheoryData<string> Programs => [.. CudaProgramFiles.Names];

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void The_programs_and_headers_are_embedded()
    {
        Assert.Equal(["halo_heat2d.cu", "ring_echo.cu", "stencils.cu"], CudaKernelSources.ProgramNames);
        Assert.Equal(["k2k_exchange.cu", "ring_k2k_relay.cu", "ring_payload_echo.cu", "saxpy.cu"], TestKernelFiles.CudaProgramNames);
        Assert.Equal(
            ["ringkernel_device.cuh", "ringkernel_k2k.cuh", "ringkernel_layouts.cuh", "ringkernel_loop.cuh", "ringkernel_rings.cuh", "ringkernel_stencils.cuh"],
            CudaKernelSources.Headers.Select(h => h.Key));
        Assert.Throws<ArgumentException>(() => CudaKernelSources.Program("missing.cu"));
    }

    [SkippableTheory]
    [MemberData(nameof(Programs))]
    public void Each_program_compiles_to_ptx_for_sm_70_and_sm_80(string program)
    {
        string clang = Clang();
        File.WriteAllText(Path.Combine(_work.FullName, program), CudaProgramFiles.Read(program));
        foreach (string architecture in (string[])["sm_70", "sm_80"])
        {
            string output = Path.Combine(_work.FullName, $"{program}.{architecture}.ptx");
            (int exit, string messages) = Compile(clang, program, architecture, output);
            Assert.True(exit == 0, $"clang could not compile {program} for {architecture}:\n{messages}");
            Assert.Contains(".entry", File.ReadAllText(output), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void A_kernel_with_an_error_fails_to_compile()
    {
        string clang = Clang();
        File.WriteAllText(Path.Combine(_work.FullName, "broken.cu"), """
            #include "ringkernel_loop.cuh"
            extern "C" __global__ void broken(ControlBlock* control) { control->NoSuchField = 1u; }
            """);
        (int exit, string messages) = Compile(clang, "broken.cu", "sm_80", Path.Combine(_work.FullName, "broken.ptx"));
        Assert.NotEqual(0, exit);
        Assert.Contains("NoSuchField", messages, StringComparison.Ordinal);
    }

    private static string Clang()
    {
        string? clang = ExternalTool.Find("clang") ?? ExternalTool.Find("clang-14") ?? ExternalTool.Find("clang-15") ?? ExternalTool.Find("clang-16");
        Skip.If(clang is null, "clang is not installed (Debian package clang-14); the CUDA sources are compiled by NVRTC only on a machine with the CUDA toolkit.");
        return clang!;
    }

    private (int Exit, string Messages) Compile(string clang, string program, string architecture, string output) =>
        ExternalTool.Run(clang, _work.FullName,
            "-x", "cuda", "--cuda-device-only", "-nocudainc", "-nocudalib", $"--cuda-gpu-arch={architecture}",
            "-std=c++17", "-ffp-contract=off", "-Werror", "-Wall", "-include", "nvrtc_shim.h", "-S", "-o", output, program);
}
