using RingKernel.Commands;
using RingKernel.Cpu;
using RingKernel.Cpu.Commands;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Tests.Commands;

/// <summary>A copy queue fills tile N+1 of a double buffer while a compute queue works on tile N.</summary>
public class DoubleBufferTests
{
    private const int Tiles = 9;
    private const int TileElements = 2048;
    private const int Half = TileElements / 2;
    private const int WorkgroupSize = 128;

    [Fact]
    public void The_copy_of_tile_n_plus_1_overlaps_compute_on_tile_n_and_the_result_is_exact()
    {
        var backend = new CpuBackend(workerCount: 2);
        using DeviceBuffer source = HostMemorySpace.Instance.Allocate((long)Tiles * TileElements * sizeof(int));
        using DeviceBuffer result = HostMemorySpace.Instance.Allocate((long)Tiles * TileElements * sizeof(long));
        Span<int> input = source.AsSpan<int>(0, Tiles * TileElements);
        var random = new Random(5);
        for (int i = 0; i < input.Length; i++)
            input[i] = random.Next(-50_000, 50_000);
        long[] expected = new long[input.Length];
        for (int i = 0; i < input.Length; i++)
            expected[i] = ((long)input[i] * input[i]) + (i / TileElements);

        using var tiles = new DoubleBuffer(HostMemorySpace.Instance, TileElements * sizeof(int), "tiles");
        using var computeStarted = new TimelineSignal("compute-started");
        using var copyStarted = new TimelineSignal("copy-started");
        var square = new KernelDefinition<TileArgs>("square-tile", new LaunchOptions(Half / WorkgroupSize, WorkgroupSize)).WithCpuWorkgroup(SquareHalfTile);
        CommandToken last = default;
        using (var copy = new CpuCommandQueue(backend, QueueKind.Copy, "copy"))
        using (var compute = new CpuCommandQueue(backend, QueueKind.Compute, "compute"))
        {
            for (int tile = 0; tile < Tiles; tile++)
            {
                // The copy of tile N+1 starts only after compute on tile N has started ...
                var fill = new CommandList();
                if (tile > 0)
                    fill.Wait(computeStarted, (ulong)tile);
                fill.Signal(copyStarted, (ulong)tile + 1);
                copy.Submit(tiles.RecordFill(fill, tile, source, (long)tile * TileElements * sizeof(int)));
            }

            for (int tile = 0; tile < Tiles; tile++)
            {
                DeviceBuffer slot = tiles.SlotFor(tile);
                var work = tiles.RecordAcquire(new CommandList(), tile)
                    .Signal(computeStarted, (ulong)tile + 1)
                    .Exec(square, new TileArgs(slot, result, tile, 0));
                // ... and compute on tile N finishes only after the copy of tile N+1 has started:
                // the two intervals overlap by construction (a queue that ran both in one order would deadlock).
                if (tile + 1 < Tiles)
                    work.Wait(copyStarted, (ulong)tile + 2);
                work.Exec(square, new TileArgs(slot, result, tile, 1));
                last = compute.Submit(tiles.RecordRelease(work, tile));
            }

            Assert.True(last.Wait(TimeSpan.FromSeconds(15)), "the pipeline stalled");
        }

        Assert.Equal(expected, result.AsSpan<long>(0, Tiles * TileElements).ToArray());
        Assert.Equal(((ulong)Tiles, (ulong)Tiles), (tiles.Filled.Value, tiles.Consumed.Value));
    }

    [Fact]
    public void A_fill_never_overwrites_a_slot_before_its_tile_is_consumed()
    {
        var backend = new CpuBackend(workerCount: 2);
        using DeviceBuffer source = HostMemorySpace.Instance.Allocate((long)Tiles * TileElements * sizeof(int));
        using DeviceBuffer result = HostMemorySpace.Instance.Allocate((long)Tiles * TileElements * sizeof(long));
        Span<int> input = source.AsSpan<int>(0, Tiles * TileElements);
        for (int i = 0; i < input.Length; i++)
            input[i] = (i * 13) - 7000;
        long[] expected = new long[input.Length];
        for (int i = 0; i < input.Length; i++)
            expected[i] = ((long)input[i] * input[i]) + (i / TileElements);
        using var tiles = new DoubleBuffer(HostMemorySpace.Instance, TileElements * sizeof(int), "tiles");
        using var gate = new TimelineSignal("gate");
        var square = new KernelDefinition<TileArgs>("square-tile", new LaunchOptions(Half / WorkgroupSize, WorkgroupSize)).WithCpuWorkgroup(SquareHalfTile);
        using var copy = new CpuCommandQueue(backend, QueueKind.Copy, "copy");
        using var compute = new CpuCommandQueue(backend, QueueKind.Compute, "compute");

        // The copy queue runs ahead as far as the slots allow; compute is held at a gate.
        var fills = new List<CommandToken>();
        for (int tile = 0; tile < Tiles; tile++)
            fills.Add(copy.Submit(tiles.RecordFill(new CommandList(), tile, source, (long)tile * TileElements * sizeof(int))));
        var work = new CommandList().Wait(gate, 1);
        CommandToken last = default;
        for (int tile = 0; tile < Tiles; tile++)
        {
            DeviceBuffer slot = tiles.SlotFor(tile);
            tiles.RecordAcquire(work, tile).Exec(square, new TileArgs(slot, result, tile, 0)).Exec(square, new TileArgs(slot, result, tile, 1));
            last = compute.Submit(tiles.RecordRelease(work, tile));
            work = new CommandList();
        }

        // Both slots fill; the third fill waits for tile 0 to be consumed, which the gate prevents.
        tiles.Filled.Wait(2);
        Assert.True(fills[1].Wait(TimeSpan.FromSeconds(10)));
        Assert.False(fills[2].IsCompleted);
        Assert.Equal(2UL, tiles.Filled.Value);
        gate.Signal(1);

        Assert.True(last.Wait(TimeSpan.FromSeconds(15)), "the pipeline stalled");
        Assert.Equal(expected, result.AsSpan<long>(0, Tiles * TileElements).ToArray());
    }

    /// <summary>One workgroup squares its slice of one half of the tile in the slot and adds the tile number.</summary>
    private static void SquareHalfTile(WorkgroupContext workgroup, TileArgs args)
    {
        int first = (args.HalfIndex * Half) + (workgroup.WorkgroupIndex * WorkgroupSize);
        Span<int> slot = args.Slot.AsSpan<int>((long)first * sizeof(int), WorkgroupSize);
        Span<long> output = args.Result.AsSpan<long>(((long)args.Tile * TileElements + first) * sizeof(long), WorkgroupSize);
        for (int t = 0; t < WorkgroupSize; t++)
            output[t] = ((long)slot[t] * slot[t]) + args.Tile;
    }

    private sealed record TileArgs(DeviceBuffer Slot, DeviceBuffer Result, int Tile, int HalfIndex);
}
