using System.Runtime.InteropServices;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Kernels.Persistent;
using RingKernel.Layouts;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using RingKernel.Tests.Stencils;
using RingKernel.Tests.Stencils.Halo;
using RingKernel.Vulkan;

namespace RingKernel.Tests.Vulkan;

/// <summary>
/// The tiled engine on Vulkan: every tile a workgroup of one kernel actor's dispatches, trading halo
/// chunks through K2K inboxes in Vulkan memory, ends equal to the single-grid reference bit for bit;
/// every route carries exactly its chunks; a chunk that does not belong to its epoch, sequence or
/// inbox faults the group, which stops or, with checkpoints, restarts and ends on the reference's bits.
/// </summary>
public sealed class VulkanHaloTests(TileActorSystem actors) : IClassFixture<TileActorSystem>, IDisposable
{
    private readonly VulkanBackend? _backend = VulkanBackend.IsAvailable ? new VulkanBackend() : null;

    public void Dispose() => _backend?.Dispose();

    [SkippableTheory]
    [InlineData(24, 16, 2, 2, 1, BoundaryKind.Fixed, 12, 232, 128)]
    [InlineData(24, 16, 3, 2, 3, BoundaryKind.Periodic, 10, 232, 64)]
    [InlineData(24, 16, 1, 2, 2, BoundaryKind.Periodic, 7, 5, 32)]
    [InlineData(30, 20, 3, 4, 5, BoundaryKind.Fixed, 11, 7, 128)]
    [InlineData(32, 32, 4, 4, 2, BoundaryKind.Periodic, 9, 232, 256)]
    [InlineData(16, 16, 1, 1, 4, BoundaryKind.Periodic, 9, 13, 64)]
    [InlineData(1, 8, 1, 4, 1, BoundaryKind.Periodic, 5, 232, 32)]
    [InlineData(8, 1, 4, 1, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(8, 4, 8, 1, 1, BoundaryKind.Periodic, 5, 232, 32)]
    [InlineData(8, 4, 1, 4, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(1, 1, 1, 1, 1, BoundaryKind.Periodic, 3, 232, 32)]
    public async Task Heat2DTilesMatchTheSingleGridReferenceBitForBit(int width, int height, int tilesX, int tilesY, int halo, BoundaryKind boundaryKind, int steps, int chunkElements, int threads)
    {
        VulkanFacts.SkipUnlessAvailable();
        _backend!.TileWorkgroupThreads = threads;
        await ShaderTiledRuns.HeatMatchesTheReferenceAsync(actors.System, _backend, width, height, new Dim3(tilesX, tilesY), halo, boundaryKind, steps, chunkElements);
    }

    [SkippableTheory]
    [InlineData(12, 12, 12, 2, 2, 2, 1, BoundaryKind.Periodic, 6, 232, 128)]
    [InlineData(12, 8, 8, 3, 2, 2, 2, BoundaryKind.Fixed, 7, 31, 64)]
    [InlineData(8, 8, 8, 2, 1, 2, 3, BoundaryKind.Periodic, 8, 232, 128)]
    [InlineData(16, 8, 8, 2, 2, 2, 4, BoundaryKind.Fixed, 9, 100, 96)]
    [InlineData(9, 9, 6, 3, 3, 2, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(6, 6, 6, 1, 1, 6, 1, BoundaryKind.Periodic, 5, 232, 32)]
    [InlineData(6, 6, 6, 1, 6, 1, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(6, 6, 6, 6, 1, 1, 1, BoundaryKind.Periodic, 5, 232, 32)]
    [InlineData(1, 6, 6, 1, 2, 3, 1, BoundaryKind.Fixed, 5, 232, 32)]
    [InlineData(6, 1, 6, 1, 1, 2, 1, BoundaryKind.Periodic, 5, 232, 32)]
    public async Task Wave3DTilesMatchTheSingleGridReferenceBitForBit(int width, int height, int depth, int tilesX, int tilesY, int tilesZ, int halo, BoundaryKind boundaryKind, int steps, int chunkElements, int threads)
    {
        VulkanFacts.SkipUnlessAvailable();
        _backend!.TileWorkgroupThreads = threads;
        await ShaderTiledRuns.WaveMatchesTheReferenceAsync(actors.System, _backend, new GridSize(width, height, depth), new Dim3(tilesX, tilesY, tilesZ), halo, boundaryKind, steps, chunkElements);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AChunkOfAnotherStepFaultsTheGroupAndIsNotUsed(bool restart)
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(16, 16), 0.2f, StencilBoundary.Periodic);
        float[] field = VulkanHeatTests.RandomField(equation.Size, 5);
        await using TiledHeat2D tiled = await StartTamperedHeatAsync(
            equation, field, halo: 2, new TiledStencilOptions { RestartFromCheckpoints = restart }, step: 2,
            engine => WriteInboxWord(engine, 0, K2KDirection.XPlus, MessageHeader.Size + (int)Marshal.OffsetOf<HaloMessageHeader>(nameof(HaloMessageHeader.Step)), 7));
        if (restart)
        {
            await AssertHeatRecoveredAsync(tiled, equation, field, 6);
            return;
        }

        HaloEpochException fault = await GroupFaultAsync(tiled.RunStepsAsync(6));

        // Tile 0's XPlus route lands in tile 1's XMinus inbox.
        Assert.Contains("Tile 1 receiving the halo of step 2 on inbox 0 (XMinus)", fault.Message, StringComparison.Ordinal);
        Assert.Contains("is for step 7", fault.Message, StringComparison.Ordinal);
        Assert.Equal(2, tiled.Engine.Groups[0].StepsDone);
        await Assert.ThrowsAsync<KernelActorStoppedException>(() => tiled.RunStepsAsync(1));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALostOrRepeatedChunkIsCaughtByItsSequenceNumber(bool restart)
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new WaveEquation3D(GridSize.Cube(8), 0.2f, StencilBoundary.Fixed(0f));
        float[] previous = new float[equation.Size.CellCount], current = VulkanHeatTests.RandomField(equation.Size, 3);
        float[] referencePrevious = (float[])previous.Clone(), referenceCurrent = (float[])current.Clone();
        TiledWave3D? tiled = null;
        var options = new TiledStencilOptions
        {
            ChunkElements = 10,
            RestartFromCheckpoints = restart,
            BeforeStep = TamperOnceAt(1, () => WriteInboxWord(tiled!.Engine, 1, K2KDirection.ZPlus, (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.MessageId)), 12345)),
        };
        tiled = await TiledWave3D.StartAsync(actors.System, _backend!, equation, TileGrid.Create(equation.Size, new Dim3(2, 1, 2)), 1, previous, current, options);
        await using (tiled)
        {
            if (restart)
            {
                await tiled.RunStepsAsync(3);
                await tiled.SnapshotAsync(previous, current);
                WaveReference3D.Run(equation, referencePrevious, referenceCurrent, 3);
                VulkanWaveTests.AssertBitEqual(referenceCurrent, current, equation.Size, "wave current level after a restart");
                VulkanWaveTests.AssertBitEqual(referencePrevious, previous, equation.Size, "wave previous level after a restart");
                Assert.Equal(1, tiled.Engine.Restarts);
                return;
            }

            HaloEpochException fault = await GroupFaultAsync(tiled.RunStepsAsync(3));

            // Tile 1 is (1, 0, 0); its ZPlus neighbour is tile 3, which receives on its ZMinus inbox.
            Assert.Contains("Tile 3 receiving the halo of step 1 on inbox 4 (ZMinus)", fault.Message, StringComparison.Ordinal);
            Assert.Contains("sequence number 12345", fault.Message, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AMissingChunkIsReportedInsteadOfWaitedFor(bool restart)
    {
        VulkanFacts.SkipUnlessAvailable();
        var equation = new HeatEquation2D(new GridSize(12, 12), 0.2f, StencilBoundary.Fixed(1f));
        float[] field = VulkanHeatTests.RandomField(equation.Size, 9);
        await using TiledHeat2D tiled = await StartTamperedHeatAsync(
            equation, field, halo: 1, new TiledStencilOptions { ChunkElements = 4, RestartFromCheckpoints = restart }, step: 0,
            engine => engine.Fabric.FindRoute(0, (int)K2KDirection.YPlus)!.InboxBuffer.AsRef<RingHeader>(0).Tail--); // un-publishes the last chunk on tile 0's YPlus route
        if (restart)
        {
            await AssertHeatRecoveredAsync(tiled, equation, field, 1);
            return;
        }

        // One step: the dispatch that receives step 0's halo sends nothing after it.
        HaloEpochException fault = await GroupFaultAsync(tiled.RunStepsAsync(1));

        Assert.Contains("Tile 2 receiving the halo of step 0 on inbox 2 (YMinus)", fault.Message, StringComparison.Ordinal);
        Assert.Contains("holds 1 chunk(s) of the 2", fault.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The tiled heat engine on the device in 2x2 tiles from <paramref name="field"/>, with <paramref name="tamper"/>
    /// run on its engine once, before the first epoch starting at <paramref name="step"/>.
    /// </summary>
    private async Task<TiledHeat2D> StartTamperedHeatAsync(HeatEquation2D equation, float[] field, int halo, TiledStencilOptions options, long step, Action<TiledStencilEngine> tamper)
    {
        TiledHeat2D? tiled = null;
        options = options with { BeforeStep = TamperOnceAt(step, () => tamper(tiled!.Engine)) };
        tiled = await TiledHeat2D.StartAsync(actors.System, _backend!, equation, TileGrid.Create(equation.Size, new Dim3(2, 2)), halo, field, options);
        return tiled;
    }

    /// <summary>A <see cref="TiledStencilOptions.BeforeStep"/> hook that calls <paramref name="tamper"/> once, before the first epoch starting at <paramref name="step"/> (a restarted group runs that epoch again, untampered).</summary>
    private static Action<int, long> TamperOnceAt(long step, Action tamper)
    {
        bool tampered = false;
        return (_, at) =>
        {
            if (at == step && !tampered)
            {
                tampered = true;
                tamper();
            }
        };
    }

    /// <summary>Runs <paramref name="steps"/> steps through one tampered chunk: the group restarts once from its checkpoint and ends on the reference's bits.</summary>
    private static async Task AssertHeatRecoveredAsync(TiledHeat2D tiled, HeatEquation2D equation, float[] initial, int steps)
    {
        await tiled.RunStepsAsync(steps);
        await StencilFieldsForTests.AssertMatchesHeatReferenceAsync(tiled, equation, initial, steps);
        Assert.Equal(1, tiled.Engine.Restarts);
    }

    /// <summary>The halo fault that stopped the group's kernel actor, from the command it failed.</summary>
    private static async Task<HaloEpochException> GroupFaultAsync(Task run)
    {
        var fault = await Assert.ThrowsAsync<KernelFaultedException>(() => run);
        return Assert.IsType<HaloEpochException>(fault.InnerException);
    }

    /// <summary>Overwrites the 32-bit word at <paramref name="byteOffset"/> of the oldest unread slot on <paramref name="tile"/>'s route <paramref name="direction"/>.</summary>
    private static void WriteInboxWord(TiledStencilEngine engine, uint tile, K2KDirection direction, int byteOffset, uint value)
    {
        K2KRoute route = engine.Fabric.FindRoute(tile, (int)direction)!;
        ref RingHeader header = ref route.InboxBuffer.AsRef<RingHeader>(0);
        Assert.True(header.Tail > header.Head, "the inbox holds the epoch's chunks");
        long slot = (long)(header.Head & (ulong)(route.InboxCapacity - 1));
        route.InboxBuffer.AsRef<uint>(RingHeader.Size + (slot * route.InboxSlotSize) + byteOffset) = value;
    }
}
