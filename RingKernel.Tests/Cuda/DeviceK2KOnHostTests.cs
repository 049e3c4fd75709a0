using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.K2K;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Tests.Cuda.HostBuild;
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
    private const string HostHarness = CudaHostPreamble.Text + """
        static const rk_dim3 blockDim = {1, 1, 1};
        static thread_local rk_dim3 blockIdx;
        static inline unsigned atomicAdd(unsigned* a, unsigned v) { return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST); }
        static inline unsigned atomicCAS(unsigned* a, unsigned compare, unsigned v) { __atomic_compare_exchange_n(a, &compare, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return compare; }
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
            if (strcmp(argv[3], "halo") == 0 && argc == 18)
            {
                float alpha = (float)atof(argv[11]);
                run_blocks(blocks, [=] {
                    halo_heat2d(at<float>(argv, 5), (int)arg(argv, 6), (int)arg(argv, 7), (int)arg(argv, 8), (int)arg(argv, 9), (int)arg(argv, 10),
                                alpha, (int)arg(argv, 12), (unsigned)arg(argv, 13), (int)arg(argv, 14), (int)arg(argv, 15),
                                at<const rk_fabric_endpoint>(argv, 16), at<rk_u32>(argv, 17));
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
    [InlineData(48, 32, 3, 4, 1, 232, true)]
    [InlineData(48, 32, 3, 4, 2, 5, false)]
    [InlineData(500, 6, 2, 2, 1, 232, true)]
    [InlineData(500, 6, 2, 2, 1, 100, false)]
    [InlineData(20, 20, 1, 1, 3, 232, true)]
    [InlineData(24, 20, 4, 1, 1, 7, true)]
    public void Tiles_exchanging_halos_over_k2k_across_two_launches_end_bit_for_bit_on_the_reference(int width, int height, int tilesX, int tilesY, int pad, int chunkElements, bool periodic)
    {
        string harness = Harness();
        var equation = new HeatEquation2D(new GridSize(width, height), 0.2f, periodic ? StencilBoundary.Periodic : StencilBoundary.Fixed(1f));
        const int firstSteps = 5, steps = 12;
        var random = new Random(5);
        float[] expected = [.. Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble())];
        TileGrid grid = TileGrid.Create(equation.Size, new Dim3(tilesX, tilesY));
        var layout = new HaloTileLayout(grid, pad);
        using K2KFabric fabric = HaloFabric(grid, equation.Boundary.Kind, chunkElements);
        HaloTiles tiles = LoadTiles(grid, layout, equation, expected, fabric);

        // The second launch goes on from the first: its cells in the other level, its steps numbered on.
        RunHalo(harness, tiles, equation.Alpha, currentLevel: 0, firstStep: 0, firstSteps, chunkElements);
        RunHalo(harness, tiles, equation.Alpha, currentLevel: 1, firstStep: firstSteps, steps - firstSteps, chunkElements);

        HeatReference2D.Run(equation, expected, steps);
        Assert.Equal(0u, tiles.Faults.AsRef<uint>(0));
        float[] actual = StoreTiles(grid, layout, tiles.Fields, level: steps & 1);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
        // Every strip of every step went over the fabric, chunk by chunk, and each launch left the inboxes empty.
        long chunks = fabric.Routes.Sum(route => Chunks(route.Route < 2 ? grid.TileSize.Height : grid.TileSize.Width, chunkElements) * (long)steps);
        Assert.Equal(chunks, fabric.MessagesSent);
        Assert.All(fabric.Routes, route => Assert.Equal(0, route.Pending));
    }

    [SkippableFact]
    public void A_chunk_of_another_step_is_the_launch_s_first_fault_naming_tile_step_and_inbox()
    {
        string harness = Harness();
        var equation = new HeatEquation2D(new GridSize(16, 16), 0.2f, StencilBoundary.Periodic);
        float[] field = new float[equation.Size.CellCount];
        TileGrid grid = TileGrid.Create(equation.Size, new Dim3(2, 2));
        var layout = new HaloTileLayout(grid, 1);
        using K2KFabric fabric = HaloFabric(grid, equation.Boundary.Kind, HaloChunk.Capacity);
        HaloTiles tiles = LoadTiles(grid, layout, equation, field, fabric);
        // Tile 0's XPlus route lands in tile 1's XMinus inbox: a chunk of step 7 waits there before the launch of step 2.
        byte[] chunk = new byte[HaloMessageHeader.Size + (8 * sizeof(float))];
        var header = new HaloMessageHeader { Step = 7, SourceTile = 0, Direction = (uint)K2KDirection.XPlus, HaloWidth = 1, ElementCount = 8, ChunkIndex = 0, ChunkCount = 1 };
        MemoryMarshal.Write(chunk, in header);
        Assert.True(fabric.Endpoint(0).TrySendBytes((int)K2KDirection.XPlus, HaloChunk.TypeId, chunk));

        RunHalo(harness, tiles, equation.Alpha, currentLevel: 0, firstStep: 2, 3, HaloChunk.Capacity);

        HaloFault fault = HaloFault.Read(tiles.Faults.AsSpan<uint>(0, HaloFault.Bytes / sizeof(uint)));
        Assert.Equal(new HaloFault(1, 1, 2, (uint)K2KDirection.XMinus, 0, 2, 7, 0), fault);
        var exception = Assert.IsType<HaloEpochException>(fault.ToException());
        Assert.Contains("Tile 1 receiving the halo of step 2 on inbox 0 (XMinus)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("is for step 7", exception.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_chunk_that_never_comes_is_reported_missing_instead_of_waited_for()
    {
        string harness = Harness();
        var equation = new HeatEquation2D(new GridSize(16, 16), 0.2f, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(equation.Size, new Dim3(2, 2));
        var layout = new HaloTileLayout(grid, 1);
        using K2KFabric fabric = HaloFabric(grid, equation.Boundary.Kind, HaloChunk.Capacity);
        HaloTiles tiles = LoadTiles(grid, layout, equation, new float[equation.Size.CellCount], fabric);
        // Tile 0 no longer sees its XPlus route, so tile 1's XMinus inbox never gets step 0's strip.
        fabric.Endpoint(0).RoutingTable.AsRef<RouteEntry>((int)K2KDirection.XPlus * RouteEntry.Size).InboxAddress = 0;

        // One step: every other strip arrives, so tile 1's wait is the only one that runs out (with more
        // steps, tile 0 would wait on tile 1's next strip as well, and either could report first).
        RunHalo(harness, tiles, equation.Alpha, currentLevel: 0, firstStep: 0, 1, HaloChunk.Capacity);

        HaloFault fault = HaloFault.Read(tiles.Faults.AsSpan<uint>(0, HaloFault.Bytes / sizeof(uint)));
        Assert.Equal(new HaloFault(4, 1, 0, (uint)K2KDirection.XMinus, 0, 1, 0, 0), fault);
        Assert.Contains("holds 0 chunk(s) of the 1 the halo needs", fault.ToException().Message, StringComparison.Ordinal);
    }

    /// <summary>The tiles' fabric as the tiled engine makes it for a CUDA tile group: unchecksummed, each inbox two strips deep.</summary>
    private K2KFabric HaloFabric(TileGrid grid, BoundaryKind boundary, int chunkElements)
    {
        int longest = Chunks(Math.Max(grid.TileSize.Width, grid.TileSize.Height), chunkElements);
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, 2 * longest));
        var fabric = new K2KFabric(_shared, HaloInboxes.CreateTypes(), capacity, HaloChunk.InboxSlotSize, checksummed: false);
        fabric.ConnectNeighbourhood(grid, K2KNeighbourhood.VonNeumann, boundary);
        return fabric;
    }

    /// <summary>Every tile's two padded levels, tile after tile, as a CUDA tile group keeps them: level 0 holds the field's cells, every halo the boundary's value.</summary>
    private HaloTiles LoadTiles(TileGrid grid, HaloTileLayout layout, HeatEquation2D equation, float[] field, K2KFabric fabric)
    {
        DeviceBuffer fields = _shared.Allocate((long)grid.TileCount * 2 * layout.Length * sizeof(float));
        Span<float> levels = fields.AsSpan<float>(0, grid.TileCount * 2 * layout.Length);
        levels.Fill(equation.Boundary.Kind == BoundaryKind.Fixed ? equation.Boundary.FixedValue : 0f);
        float[] padded = new float[layout.Length];
        for (int tile = 0; tile < grid.TileCount; tile++)
        {
            levels.Slice(tile * 2 * layout.Length, layout.Length).CopyTo(padded);
            layout.LoadInterior(field, grid.Size, grid.OriginOf(grid.TileAt(tile)), padded);
            padded.CopyTo(levels.Slice(tile * 2 * layout.Length, layout.Length));
        }

        DeviceBuffer faults = _shared.Allocate(HaloFault.Bytes);
        return new HaloTiles(layout, grid, fields, Upload(CudaK2KBinding.Endpoints(fabric, grid.TileCount)), faults);
    }

    private static float[] StoreTiles(TileGrid grid, HaloTileLayout layout, DeviceBuffer fields, int level)
    {
        float[] field = new float[grid.Size.CellCount];
        for (int tile = 0; tile < grid.TileCount; tile++)
        {
            float[] padded = fields.AsSpan<float>(((tile * 2) + level) * layout.Length * sizeof(float), layout.Length).ToArray();
            layout.StoreInterior(padded, field, grid.Size, grid.OriginOf(grid.TileAt(tile)));
        }

        return field;
    }

    private void RunHalo(string harness, HaloTiles tiles, float alpha, int currentLevel, int firstStep, int steps, int chunkElements) =>
        Run(harness, "halo", tiles.Grid.TileCount, tiles.Fields.DeviceAddress, tiles.Layout.Length, tiles.Layout.PaddedWidth, tiles.Layout.Halo,
            tiles.Grid.TileSize.Width, tiles.Grid.TileSize.Height, alpha, currentLevel, firstStep, steps, chunkElements,
            tiles.Endpoints.DeviceAddress, tiles.Faults.DeviceAddress);

    private sealed record HaloTiles(HaloTileLayout Layout, TileGrid Grid, DeviceBuffer Fields, DeviceBuffer Endpoints, DeviceBuffer Faults);

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

    private static int Chunks(int cells, int chunkElements) => (cells + chunkElements - 1) / chunkElements;

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
