using RingKernel.Commands;
using RingKernel.Memory;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Commands;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// <see cref="DoubleBuffer"/> on Vulkan queues: a copy queue fills tile N+1 of a double buffer in
/// Vulkan memory while a compute queue works on tile N, ordered only by timeline signals.
/// </summary>
public sealed class VulkanDoubleBufferTests : IDisposable
{
    private const int Tiles = 9;
    private const int TileElements = 2048;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly VulkanBackend? _backend = VulkanBackend.IsAvailable ? new VulkanBackend() : null;
    private readonly List<IDisposable> _owned = [];

    [SkippableFact]
    public void The_copy_of_tile_n_plus_1_overlaps_compute_on_tile_n_and_the_result_is_exact()
    {
        VulkanFacts.SkipUnlessAvailable();
        (DeviceBuffer source, DeviceBuffer[] results, float[] input) = Prepare(5);
        DoubleBuffer tiles = Own(new DoubleBuffer(_backend!.MemorySpace, TileElements * sizeof(float), "tiles"));
        TimelineSignal computeStarted = Own(new TimelineSignal("compute-started"));
        TimelineSignal copyStarted = Own(new TimelineSignal("copy-started"));
        VulkanCommandQueue copy = Own(_backend.CreateCommandQueue(QueueKind.Copy, "copy"));
        VulkanCommandQueue compute = Own(_backend.CreateCommandQueue(QueueKind.Compute, "compute"));
        var doubled = VulkanKernels.Saxpy(TileElements);
        CommandToken last = default;
        for (int tile = 0; tile < Tiles; tile++)
        {
            // The copy of tile N+1 starts only after compute on tile N has started ...
            var fill = new CommandList();
            if (tile > 0)
                fill.Wait(computeStarted, (ulong)tile);
            fill.Signal(copyStarted, (ulong)tile + 1);
            copy.Submit(tiles.RecordFill(fill, tile, source, (long)tile * TileElements * sizeof(float)));
        }

        for (int tile = 0; tile < Tiles; tile++)
        {
            DeviceBuffer slot = tiles.SlotFor(tile);
            var work = tiles.RecordAcquire(new CommandList(), tile).Signal(computeStarted, (ulong)tile + 1);

            // ... and compute on tile N finishes only after the copy of tile N+1 has started.
            if (tile + 1 < Tiles)
                work.Wait(copyStarted, (ulong)tile + 2);
            work.Exec(doubled, new SaxpyArgs(slot, results[tile], TileElements, 2f));
            last = compute.Submit(tiles.RecordRelease(work, tile));
        }

        Assert.True(last.Wait(Patience), "the pipeline stalled");
        AssertDoubled(input, results);
        Assert.Equal(((ulong)Tiles, (ulong)Tiles), (tiles.Filled.Value, tiles.Consumed.Value));
    }

    [SkippableFact]
    public void A_fill_never_overwrites_a_slot_before_its_tile_is_consumed()
    {
        VulkanFacts.SkipUnlessAvailable();
        (DeviceBuffer source, DeviceBuffer[] results, float[] input) = Prepare(6);
        DoubleBuffer tiles = Own(new DoubleBuffer(_backend!.MemorySpace, TileElements * sizeof(float), "tiles"));
        TimelineSignal gate = Own(new TimelineSignal("gate"));
        VulkanCommandQueue copy = Own(_backend.CreateCommandQueue(QueueKind.Copy, "copy"));
        VulkanCommandQueue compute = Own(_backend.CreateCommandQueue(QueueKind.Compute, "compute"));
        var doubled = VulkanKernels.Saxpy(TileElements);

        // The copy queue runs ahead as far as the slots allow; compute is held at a gate.
        var fills = new List<CommandToken>();
        for (int tile = 0; tile < Tiles; tile++)
            fills.Add(copy.Submit(tiles.RecordFill(new CommandList(), tile, source, (long)tile * TileElements * sizeof(float))));
        var work = new CommandList().Wait(gate, 1);
        CommandToken last = default;
        for (int tile = 0; tile < Tiles; tile++)
        {
            tiles.RecordAcquire(work, tile).Exec(doubled, new SaxpyArgs(tiles.SlotFor(tile), results[tile], TileElements, 2f));
            last = compute.Submit(tiles.RecordRelease(work, tile));
            work = new CommandList();
        }

        // Both slots fill; the third fill waits for tile 0 to be consumed, which the gate prevents.
        Assert.True(fills[1].Wait(Patience));
        Assert.False(fills[2].IsCompleted);
        Assert.Equal(2UL, tiles.Filled.Value);
        gate.Signal(1);

        Assert.True(last.Wait(Patience), "the pipeline stalled");
        AssertDoubled(input, results);
    }

    public void Dispose()
    {
        foreach (IDisposable owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        _backend?.Dispose();
    }

    private static void AssertDoubled(float[] input, DeviceBuffer[] results)
    {
        for (int tile = 0; tile < Tiles; tile++)
        {
            float[] expected = input.AsSpan(tile * TileElements, TileElements).ToArray().Select(v => 2f * v).ToArray();
            Assert.Equal(expected, results[tile].AsSpan<float>(0, TileElements).ToArray());
        }
    }

    /// <summary>Whole numbers as floats (exact when doubled), and a zeroed result buffer per tile.</summary>
    private (DeviceBuffer Source, DeviceBuffer[] Results, float[] Input) Prepare(int seed)
    {
        DeviceBuffer source = Own(_backend!.MemorySpace.Allocate((long)Tiles * TileElements * sizeof(float)));
        var random = new Random(seed);
        float[] input = new float[Tiles * TileElements];
        for (int i = 0; i < input.Length; i++)
            input[i] = random.Next(-50_000, 50_000);
        input.CopyTo(source.AsSpan<float>(0, input.Length));
        DeviceBuffer[] results = [.. Enumerable.Range(0, Tiles).Select(_ => Own(_backend.MemorySpace.Allocate(TileElements * sizeof(float))))];
        return (source, results, input);
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
