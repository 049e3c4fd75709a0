using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Stencils;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The device K2K kernels (k2k_exchange.cu, halo_heat2d.cu) compiled for the host with g++, one
/// thread per block, over a <see cref="K2KFabric"/> the C# side built in shared memory: every message
/// in all 26 directions arrives once with its data, and tiles exchanging halos over K2K end bit for
/// bit on <see cref="HeatReference2D"/>. The GPU memory model is left to the device tests.
/// </summary>
public sealed class DeviceK2KOnHostTests : IDisposable
{
    /// <summary>Blocks as threads (one thread each); the shared file mapped where the test process maps it, so device addresses are its pointers.</summary>
    private const string HostHarness = """
        #define __device__
        #define __global__
        #define __shared__ static
        #define __forceinline__ inline
        struct rk_dim3 { unsigned x, y, z; };
        static const rk_dim3 threadIdx = {0, 0, 0};
        static const rk_dim3 blockDim = {1, 1, 1};
        static thread_local rk_dim3 blockIdx;
        static inline void __syncthreads() {}
        static inline unsigned atomicAdd(unsigned* a, unsigned v) { return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST); }
        #include "k2k_exchange.cu"
        #include "halo_heat2d.cu"
        #include <fcntl.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/mman.h>
        #include <sys/stat.h>
        #include <thread>
        #include <vector>
        static long long arg(char** argv, int i) { return atoll(argv[i]); }
        template <typename T> static T* at(char** argv, int i) { return (T*)strtoull(argv[i], 0, 10); }
        template <typename F> static void run_blocks(unsigned blocks, F body)
        {
            std::vector<std::thread> threads;
            for (unsigned b = 0; b < blocks; b++)
                threads.emplace_back([=] { blockIdx = {b, 0, 0}; body(); });
            for (auto& t : threads) t.join();
        }
        int main(int argc, char** argv)
        {
            int fd = open(argv[1], O_RDWR);
            struct stat st;
            fstat(fd, &st);
            void* base = at<void>(argv, 2);
            if (mmap(base, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0) != base)
            {
                perror("mmap at the test process's address");
                return 3;
            }
            unsigned blocks = (unsigned)arg(argv, 4);
            if (strcmp(argv[3], "k2k") == 0 && argc == 10)
            {
                run_blocks(blocks, [=] {
                    k2k_exchange(at<const rk_fabric_endpoint>(argv, 5), (rk_u32)arg(argv, 6), (rk_u32)arg(argv, 7), at<rk_u32>(argv, 8), at<rk_u32>(argv, 9));
                });
                return 0;
            }
            if (strcmp(argv[3], "halo") == 0 && argc == 17)
            {
                float alpha = (float)atof(argv[11]);
                float fixed_value = (float)atof(argv[12]);
                run_blocks(blocks, [=] {
                    halo_heat2d(at<float>(argv, 5), at<float>(argv, 6), (int)arg(argv, 7), (int)arg(argv, 8), (int)arg(argv, 9), (int)arg(argv, 10),
                                alpha, fixed_value, (int)arg(argv, 13), at<const rk_fabric_endpoint>(argv, 14), at<float>(argv, 15), at<rk_u32>(argv, 16));
                });
                return 0;
            }
            return 2;
        }
        """;

    private static readonly Lazy<string> Compiled = new(CompileHarness);

    private readonly SharedFileMemory _shared = new(Path.Combine(Path.GetTempPath(), $"ringkernel-k2k-{Guid.NewGuid():N}"), 8 << 20);

    public void Dispose() => _shared.Dispose();

    [SkippableTheory]
    [InlineData(2, 5)]
    [InlineData(4, 17)]
    public void Every_kernel_of_a_periodic_3x3x3_grid_receives_every_message_from_all_26_neighbours(int inboxCapacity, int messagesPerRoute)
    {
        string harness = Harness();
        TileGrid grid = CudaK2KExchange.Grid(new Dim3(3, 3, 3));
        using K2KFabric fabric = CudaK2KExchange.Connect(_shared, grid, inboxCapacity);
        DeviceBuffer endpoints = Upload(CudaK2KBinding.Endpoints(fabric, grid.TileCount));
        int cells = grid.TileCount * K2KDirections.Count * messagesPerRoute;
        DeviceBuffer received = _shared.Allocate((long)cells * sizeof(uint));
        received.AsSpan<uint>(0, cells).Fill(uint.MaxValue);
        DeviceBuffer errors = _shared.Allocate(sizeof(uint));

        Run(harness, "k2k", grid.TileCount, endpoints.DeviceAddress, CudaK2KExchange.ProbeTypeId, messagesPerRoute, received.DeviceAddress, errors.DeviceAddress);

        Assert.Equal(0u, errors.AsRef<uint>(0));
        CudaK2KExchange.AssertEveryProbeArrived(grid, received.AsSpan<uint>(0, cells).ToArray(), messagesPerRoute);
        Assert.Equal(grid.TileCount * K2KDirections.Count * messagesPerRoute, fabric.MessagesSent);
    }

    [SkippableTheory]
    [InlineData(48, 32, 3, 4, true)]
    [InlineData(48, 32, 3, 4, false)]
    [InlineData(500, 6, 2, 2, true)]
    [InlineData(500, 6, 2, 2, false)]
    [InlineData(20, 20, 1, 1, true)]
    [InlineData(24, 20, 4, 1, true)]
    public void Tiles_exchanging_halos_over_k2k_end_bit_for_bit_on_the_reference(int width, int height, int tilesX, int tilesY, bool periodic)
    {
        string harness = Harness();
        var equation = new HeatEquation2D(new GridSize(width, height), 0.2f, periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(1f));
        const int steps = 12;
        var random = new Random(5);
        float[] expected = [.. Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble())];
        TileGrid grid = TileGrid.Create(equation.Size, new Dim3(tilesX, tilesY));
        GridSize tile = grid.TileSize;
        using K2KFabric fabric = CudaTiledHeat2D.ConnectTiles(_shared, grid, equation.Boundary.Kind);
        DeviceBuffer endpoints = Upload(CudaK2KBinding.Endpoints(fabric, grid.TileCount));
        DeviceBuffer fieldIn = Upload(MemoryMarshal.AsBytes(expected.AsSpan()));
        DeviceBuffer fieldOut = _shared.Allocate((long)expected.Length * sizeof(float));
        DeviceBuffer scratch = _shared.Allocate(2L * (tile.Width + 2) * (tile.Height + 2) * grid.TileCount * sizeof(float));
        DeviceBuffer errors = _shared.Allocate(sizeof(uint));

        Run(harness, "halo", grid.TileCount, fieldIn.DeviceAddress, fieldOut.DeviceAddress, width, tile.Width, tile.Height, tilesX,
            equation.Alpha, equation.Boundary.FixedValue, steps, endpoints.DeviceAddress, scratch.DeviceAddress, errors.DeviceAddress);

        HeatReference2D.Run(equation, expected, steps);
        Assert.Equal(0u, errors.AsRef<uint>(0));
        float[] actual = fieldOut.AsSpan<float>(0, expected.Length).ToArray();
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
        // Every strip of every step went over the fabric, chunk by chunk.
        long chunks = fabric.Routes.Sum(route => (route.Route < 2 ? Chunks(tile.Height) : Chunks(tile.Width)) * (long)steps);
        Assert.Equal(chunks, fabric.MessagesSent);
    }
    private static string Harness()
    {
        Skip.If(!OperatingSystem.IsLinux(), "The host build of the kernels maps the shared file with POSIX mmap.");
        Skip.If(ExternalTool.Find("g++") is null, "g++ is not installed (Debian package g++); device K2K is then checked on a GPU only.");
        return Compiled.Value;
    }

    private static string CompileHarness()
    {
        DirectoryInfo work = Directory.CreateTempSubdirectory("ringkernel-host-k2k-");
        foreach ((string name, string text) in CudaKernelSources.Headers)
            File.WriteAllText(Path.Combine(work.FullName, name), text);
        foreach (string program in (string[])["k2k_exchange.cu", "halo_heat2d.cu"])
            File.WriteAllText(Path.Combine(work.FullName, program), CudaProgramFiles.Read(program));
        File.WriteAllText(Path.Combine(work.FullName, "harness.cpp"), HostHarness);
        string output = Path.Combine(work.FullName, "k2k_host");
        // No contraction into FMAs, as on the device (--fmad=false): the halo result must be bit-exact.
        (int exit, string messages) = ExternalTool.Run(ExternalTool.Find("g++")!, work.FullName,
            "-std=c++17", "-O2", "-ffp-contract=off", "-Wall", "-Werror", "-pthread", "-I.", "-o", output, "harness.cpp");
        Assert.True(exit == 0, $"g++ could not build the K2K kernels for the host:\n{messages}");
        return output;
    }

    private DeviceBuffer Upload(ReadOnlySpan<byte> bytes)
    {
        DeviceBuffer buffer = _shared.Allocate(bytes.Length);
        bytes.CopyTo(buffer.AsSpan());
        return buffer;
    }

    private static int Chunks(int cells) => (cells + HaloChunk.Capacity - 1) / HaloChunk.Capacity;

    private unsafe void Run(string harness, string mode, params object[] arguments)
    {
        var start = new ProcessStartInfo(harness) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(_shared.Path);
        start.ArgumentList.Add(((ulong)_shared.Base).ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(mode);
        foreach (object argument in arguments)
            start.ArgumentList.Add(Convert.ToString(argument, CultureInfo.InvariantCulture)!);
        using Process process = Process.Start(start)!;
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            process.WaitForExit();
            Assert.Fail($"The host build of {mode} did not finish in 60 s (a K2K deadlock).");
        }

        Assert.True(process.ExitCode == 0, $"{mode} exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}");
    }
}
