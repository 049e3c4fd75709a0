using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Stencils;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The device K2K kernels (k2k_exchange.cu, halo_heat2d.cu) compiled for the host with g++, one
/// thread per block, over route tables and inboxes the C# side built in shared memory: every
/// message in all 26 directions arrives once with its data, and tiles exchanging halos over K2K end
/// bit for bit on <see cref="HeatReference2D"/>. The GPU memory model is left to the device tests.
/// </summary>
public sealed class DeviceK2KOnHostTests : IDisposable
{
    /// <summary>Blocks as threads (one thread each), device pointers as offsets into the shared file, relocated here.</summary>
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
        #include <stdlib.h>
        #include <string.h>
        #include <sys/mman.h>
        #include <sys/stat.h>
        #include <thread>
        #include <vector>
        static unsigned char* base;
        static long long arg(char** argv, int i) { return atoll(argv[i]); }
        template <typename T> static T* at(long long offset) { return (T*)(base + offset); }
        static void relocate(RouteEntry* routes, rk_u64* inboxes, long long count)
        {
            for (long long i = 0; i < count; i++)
            {
                if (routes[i].InboxAddress != 0) routes[i].InboxAddress += (rk_u64)base;
                if (inboxes[i] != 0) inboxes[i] += (rk_u64)base;
            }
        }
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
            base = (unsigned char*)mmap(0, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            unsigned blocks = (unsigned)arg(argv, 3);
            if (strcmp(argv[2], "k2k") == 0 && argc == 10)
            {
                RouteEntry* routes = at<RouteEntry>(arg(argv, 4));
                rk_u64* inboxes = at<rk_u64>(arg(argv, 5));
                rk_u32 per_kernel = (rk_u32)arg(argv, 6), messages = (rk_u32)arg(argv, 7);
                relocate(routes, inboxes, (long long)blocks * per_kernel);
                run_blocks(blocks, [=] { k2k_exchange(routes, inboxes, per_kernel, messages, at<rk_u32>(arg(argv, 8)), at<rk_u32>(arg(argv, 9))); });
                return 0;
            }
            if (strcmp(argv[2], "halo") == 0 && argc == 19)
            {
                RouteEntry* routes = at<RouteEntry>(arg(argv, 15));
                rk_u64* inboxes = at<rk_u64>(arg(argv, 16));
                relocate(routes, inboxes, (long long)blocks * 4);
                float alpha = (float)atof(argv[11]);
                float fixed_value = (float)atof(argv[13]);
                run_blocks(blocks, [=] {
                    halo_heat2d(at<float>(arg(argv, 4)), at<float>(arg(argv, 5)), (int)arg(argv, 6), (int)arg(argv, 7), (int)arg(argv, 8),
                                (int)arg(argv, 9), (int)arg(argv, 10), alpha, (int)arg(argv, 12), fixed_value, (int)arg(argv, 14),
                                routes, inboxes, at<float>(arg(argv, 17)), at<rk_u32>(arg(argv, 18)));
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
        var grid = new Dim3(3, 3, 3);
        const int kernels = 27, routesPerKernel = K2KDirections.Count;
        DeviceBuffer inboxMemory = _shared.Allocate(CudaK2KExchange.Routes(grid, 0, inboxCapacity).InboxBytes);
        DeviceRouteTable table = CudaK2KExchange.Routes(grid, (ulong)_shared.OffsetOf(inboxMemory), inboxCapacity);
        table.FormatInboxes().CopyTo(inboxMemory.AsSpan());
        DeviceBuffer routes = Upload(table.RouteBytes);
        DeviceBuffer inboxes = Upload(MemoryMarshal.AsBytes(table.Inboxes.AsSpan()));
        DeviceBuffer received = _shared.Allocate((long)kernels * routesPerKernel * messagesPerRoute * sizeof(uint));
        received.AsSpan<uint>(0, kernels * routesPerKernel * messagesPerRoute).Fill(uint.MaxValue);
        DeviceBuffer errors = _shared.Allocate(sizeof(uint));

        Run(harness, "k2k", kernels, Offset(routes), Offset(inboxes), routesPerKernel, messagesPerRoute, Offset(received), Offset(errors));

        Assert.Equal(0u, errors.AsRef<uint>(0));
        Span<uint> values = received.AsSpan<uint>(0, kernels * routesPerKernel * messagesPerRoute);
        for (int kernel = 0; kernel < kernels; kernel++)
        {
            for (int d = 0; d < routesPerKernel; d++)
            {
                int source = CudaK2KExchange.Neighbour(grid, kernel, ((K2KDirection)d).Opposite());
                for (int sequence = 0; sequence < messagesPerRoute; sequence++)
                    Assert.Equal(CudaK2KExchange.ProbeValue(source, d, sequence), values[(((kernel * routesPerKernel) + d) * messagesPerRoute) + sequence]);
            }
        }
    }

    [SkippableTheory]
    [InlineData(48, 32, 16, 8, true)]
    [InlineData(48, 32, 16, 8, false)]
    [InlineData(500, 6, 250, 3, true)]
    [InlineData(20, 20, 20, 20, true)]
    public void Tiles_exchanging_halos_over_k2k_end_bit_for_bit_on_the_reference(int width, int height, int tileWidth, int tileHeight, bool periodic)
    {
        string harness = Harness();
        var equation = new HeatEquation2D(new GridSize(width, height), 0.2f, periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(1f));
        const int steps = 12;
        var random = new Random(5);
        float[] expected = [.. Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble())];
        int tilesX = width / tileWidth, tiles = tilesX * (height / tileHeight);
        int capacity = CudaTiledHeat2D.InboxCapacity(tileWidth, tileHeight);
        DeviceBuffer inboxMemory = _shared.Allocate(CudaTiledHeat2D.Routes(tilesX, height / tileHeight, periodic, 0, capacity).InboxBytes);
        DeviceRouteTable table = CudaTiledHeat2D.Routes(tilesX, height / tileHeight, periodic, (ulong)_shared.OffsetOf(inboxMemory), capacity);
        table.FormatInboxes().CopyTo(inboxMemory.AsSpan());
        DeviceBuffer routes = Upload(table.RouteBytes);
        DeviceBuffer inboxes = Upload(MemoryMarshal.AsBytes(table.Inboxes.AsSpan()));
        DeviceBuffer fieldIn = Upload(MemoryMarshal.AsBytes(expected.AsSpan()));
        DeviceBuffer fieldOut = _shared.Allocate((long)expected.Length * sizeof(float));
        DeviceBuffer scratch = _shared.Allocate(2L * (tileWidth + 2) * (tileHeight + 2) * tiles * sizeof(float));
        DeviceBuffer errors = _shared.Allocate(sizeof(uint));

        Run(harness, "halo", tiles, Offset(fieldIn), Offset(fieldOut), width, height, tileWidth, tileHeight, tilesX,
            equation.Alpha, periodic ? 1 : 0, equation.Boundary.FixedValue, steps, Offset(routes), Offset(inboxes), Offset(scratch), Offset(errors));

        HeatReference2D.Run(equation, expected, steps);
        Assert.Equal(0u, errors.AsRef<uint>(0));
        float[] actual = fieldOut.AsSpan<float>(0, expected.Length).ToArray();
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
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

    private long Offset(DeviceBuffer buffer) => _shared.OffsetOf(buffer);

    private void Run(string harness, string mode, params object[] arguments)
    {
        var start = new ProcessStartInfo(harness) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(_shared.Path);
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
