using RingKernel.Cuda.Compilation;
using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Cuda.HostBuild;

/// <summary>
/// The conformance ring kernels' CUDA C (ring_payload_echo.cu, ring_k2k_relay.cu over the backend's
/// headers) compiled for the host by g++ into one program that runs one kernel per process. It maps
/// the shared file at the address the test process maps it, so device addresses (host pointers of
/// the test process) and the routing tables' inbox addresses mean the same in both.
/// </summary>
internal static class HostBuiltRingKernelPrograms
{
    /// <summary>The kernels after <see cref="CudaHostPreamble"/>, and a main that runs them on memory a file maps.</summary>
    private const string Harness = CudaHostPreamble.Text + """
        #include "ring_payload_echo.cu"
        #include "ring_k2k_relay.cu"
        #include <fcntl.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/mman.h>
        #include <sys/stat.h>
        static void* address(const char* text) { return (void*)strtoull(text, 0, 10); }
        int main(int argc, char** argv)
        {
            if (argc < 9) { fprintf(stderr, "usage: file base entry control input output checksummed k2k [type ids]\n"); return 2; }
            int fd = open(argv[1], O_RDWR);
            struct stat st;
            fstat(fd, &st);
            void* base = address(argv[2]);
            if (mmap(base, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0) != base)
            {
                perror("mmap at the test process's address");
                return 3;
            }
            ControlBlock* control = (ControlBlock*)address(argv[4]);
            const rk_fabric_endpoint* k2k = (const rk_fabric_endpoint*)address(argv[8]);
            int checksummed = atoi(argv[7]);
            if (strcmp(argv[3], "ring_payload_echo") == 0 && argc == 9)
                ring_payload_echo(control, address(argv[5]), address(argv[6]), checksummed, k2k);
            else if (strcmp(argv[3], "ring_k2k_relay") == 0 && argc == 13)
                ring_k2k_relay(control, address(argv[5]), address(argv[6]), checksummed, k2k,
                               (rk_u32)atoi(argv[9]), (rk_u32)atoi(argv[10]), (rk_u32)atoi(argv[11]), (rk_u32)atoi(argv[12]));
            else
                return 2;
            return 0;
        }
        """;

    private static readonly Lazy<string> Compiled = new(Compile);

    /// <summary>Why the programs cannot run here, or null.</summary>
    public static string? UnavailableReason =>
        !OperatingSystem.IsLinux() ? "the host build of the CUDA kernels maps the shared file with Linux mmap"
        : ExternalTool.Find("g++") is null ? "g++ is not installed (Debian package g++); the CUDA conformance kernels are then checked on a GPU only"
        : null;

    /// <summary>The built program's path (built on first use).</summary>
    public static string Path => Compiled.Value;

    private static string Compile()
    {
        string gxx = ExternalTool.Find("g++")!;
        DirectoryInfo work = Directory.CreateTempSubdirectory("ringkernel-host-conformance-");
        foreach ((string name, string text) in CudaKernelSources.Headers)
            File.WriteAllText(System.IO.Path.Combine(work.FullName, name), text);
        foreach (string program in (string[])["ring_payload_echo.cu", "ring_k2k_relay.cu"])
            File.WriteAllText(System.IO.Path.Combine(work.FullName, program), CudaProgramFiles.Read(program));
        File.WriteAllText(System.IO.Path.Combine(work.FullName, "harness.cpp"), Harness);
        string output = System.IO.Path.Combine(work.FullName, "ring_kernels_host");
        (int exit, string messages) = ExternalTool.Run(gxx, work.FullName, "-std=c++17", "-O2", "-Wall", "-Werror", "-I.", "-o", output, "harness.cpp");
        if (exit != 0)
            throw new InvalidOperationException($"g++ could not build the conformance kernels for the host:\n{messages}");
        return output;
    }
}
