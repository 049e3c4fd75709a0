using System.Runtime.InteropServices;
using RingKernel.Cpu;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;
using static RingKernel.Tests.Stencils.StencilFieldsForTests;

namespace RingKernel.Tests.Stencils.Halo;

/// <summary>The tiled 2D heat engine (one kernel actor per tile, halos over K2K) equals the single-grid reference bit for bit.</summary>
public class TiledHeatTests(TileActorSystem actors) : IClassFixture<TileActorSystem>
{
    private const float Alpha = 0.21f;

    public static TheoryData<int, int, int, string> Tilings()
    {
        var data = new TheoryData<int, int, int, string>();
        foreach ((int x, int y) in new[] { (1, 1), (2, 2), (4, 2), (3, 3) })
        {
            foreach (int halo in new[] { 1, 2, 3 })
            {
                foreach (string boundary in new[] { "periodic", "fixed" })
                    data.Add(x, y, halo, boundary);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tilings))]
    public async Task Tiled_heat_equals_the_reference_bit_for_bit(int tilesX, int tilesY, int halo, string boundary)
    {
        var size = new GridSize(24, 18);
        var equation = new HeatEquation2D(size, Alpha, Boundary(boundary));
        TileGrid grid = TileGrid.Create(size, new Dim3(tilesX, tilesY));
        float[] initial = Random(size, seed: (tilesX * 100) + (tilesY * 10) + halo);

        // Small chunks and inboxes for wide halos: strips are cut into several chunks and senders meet full inboxes.
        TiledStencilOptions options = halo == 2 ? new() { ChunkElements = 5, InboxCapacity = 2 } : new();
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(), equation, grid, halo, initial, options);
        var progress = new List<TileProgress>();
        await tiled.RunStepsAsync(7, new SynchronousProgress<TileProgress>(progress.Add));
        Assert.Equal(12, await tiled.RunStepsAsync(5));
        await AssertMatchesHeatReferenceAsync(tiled, equation, initial, 12);
        Assert.Equal(Enumerable.Range(0, grid.TileCount), progress.Select(p => p.Tile).Order());
        Assert.All(progress, p => Assert.Equal(7, p.Step));
    }

    [Fact]
    public async Task Every_chunk_sent_is_received_once_on_its_route()
    {
        // 2x2 periodic tiles of 12x12 with a halo of 2: 8 routes a tile (Moore), 6 epochs in 12 steps.
        // With 10-float chunks a face strip (24 cells) is 3 chunks and a corner (4 cells) 1: 16 a tile per epoch.
        var size = GridSize.Square(24);
        var equation = new HeatEquation2D(size, Alpha, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(2, 2));
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(), equation, grid, 2, Random(size, 5), new() { ChunkElements = 10 });
        var progress = new List<TileProgress>();
        await tiled.RunStepsAsync(12, new SynchronousProgress<TileProgress>(progress.Add));

        Assert.All(progress, p => Assert.Equal((6 * 16, 6 * 16), (p.ChunksSent, p.ChunksReceived)));

        // Per epoch a tile sends 4 faces of 24 floats and 4 corners of 4, each chunk with its header.
        Assert.All(progress, p => Assert.Equal(6 * ((16 * HaloMessageHeader.Size) + (((4 * 24) + (4 * 4)) * sizeof(float))), p.BytesSent));
        Assert.Equal(4 * 8, tiled.Engine.Routes.Count);
        foreach (K2KRoute route in tiled.Engine.Routes)
        {
            ulong chunks = route.Route < 4 ? 6UL * 3 : 6UL;
            Assert.Equal(K2KRoute.FirstSequence + chunks, route.NextSequence);
            Assert.Equal(K2KRoute.FirstSequence + chunks, route.ExpectedSequence);
            Assert.Equal(0, route.Pending);
        }
    }

    public static TheoryData<int, int> Directions2D() => new()
    {
        { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 }, { -1, -1 }, { 1, -1 }, { -1, 1 }, { 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Directions2D))]
    public async Task A_cell_next_to_one_neighbour_reaches_that_neighbour_only_through_its_route(int stepX, int stepY)
    {
        // 3x3 tiles of 8x8; one hot cell in the centre tile, on the edge or corner facing (stepX, stepY).
        // After `halo` steps it has spread into that neighbour's nearest cell, and only the halo strip of
        // that one direction (for a diagonal: the corner chunk) can have carried it there.
        const int halo = 2;
        var size = GridSize.Square(24);
        var equation = new HeatEquation2D(size, Alpha, StencilBoundary.Fixed(0f));
        TileGrid grid = TileGrid.Create(size, new Dim3(3, 3));
        int hotX = stepX < 0 ? 8 : stepX > 0 ? 15 : 11;
        int hotY = stepY < 0 ? 8 : stepY > 0 ? 15 : 11;
        float[] initial = new float[size.CellCount];
        initial[size.Index(hotX, hotY)] = 1f;

        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(), equation, grid, halo, initial);
        await tiled.RunStepsAsync(halo);
        float[] actual = await AssertMatchesHeatReferenceAsync(tiled, equation, initial, halo);
        int reachedX = stepX < 0 ? 7 : stepX > 0 ? 16 : hotX;
        int reachedY = stepY < 0 ? 7 : stepY > 0 ? 16 : hotY;
        Assert.NotEqual(0f, actual[size.Index(reachedX, reachedY)]);

        // Tiles not toward (stepX, stepY) stay cold (a corner's heat also reaches the two face tiles beside it).
        for (int y = 0; y < size.Height; y++)
        {
            for (int x = 0; x < size.Width; x++)
            {
                int dx = (x / 8) - 1, dy = (y / 8) - 1;
                if ((dx != 0 && dx != stepX) || (dy != 0 && dy != stepY))
                    Assert.Equal(0f, actual[size.Index(x, y)]);
            }
        }
    }

    [Fact]
    public async Task A_slow_tile_does_not_make_a_fast_one_mix_epochs()
    {
        // Tile 4 (the centre of 3x3) sleeps before every step; its neighbours race ahead as far as the
        // halo protocol lets them, and their next-epoch chunks wait unread in its inboxes.
        var size = GridSize.Square(24);
        var equation = new HeatEquation2D(size, Alpha, StencilBoundary.Periodic);
        TileGrid grid = TileGrid.Create(size, new Dim3(3, 3));
        float[] initial = Random(size, 9);
        var options = new TiledStencilOptions
        {
            ChunkElements = 4,
            InboxCapacity = 4,
            BeforeStep = (tile, _) =>
            {
                if (tile == 4)
                    Thread.Sleep(2);
            },
        };
        await using TiledHeat2D tiled = await TiledHeat2D.StartAsync(actors.System, new CpuBackend(), equation, grid, 2, initial, options);
        await tiled.RunStepsAsync(10);
        await AssertMatchesHeatReferenceAsync(tiled, equation, initial, 10);
    }

    [Fact]
    public async Task A_later_epoch_is_held_in_the_inbox_and_a_wrong_one_is_refused()
    {
        // Two 4x4 tiles side by side, fixed boundary, halo 1: each exchanges one 4-cell strip with the other.
        var size = new GridSize(8, 4);
        TileGrid grid = TileGrid.Create(size, new Dim3(2, 1));
        using var fabric = new K2KFabric(
            new CpuBackend().MemorySpace,
            HaloInboxes.CreateTypes(),
            inboxCapacity: 4,
            inboxSlotSize: HaloChunk.InboxSlotSize);
        fabric.ConnectNeighbourhood(grid, K2KNeighbourhood.VonNeumann, BoundaryKind.Fixed);
        var layout = new HaloTileLayout(grid, 1);
        var left = new HaloExchange(fabric.Endpoint(0), layout, K2KDirections.VonNeumann2D);
        var right = new HaloExchange(fabric.Endpoint(1), layout, K2KDirections.VonNeumann2D);
        float[][] leftLevels = [Filled(layout, 1f)];
        float[][] rightLevels = [Filled(layout, 2f)];
        K2KRoute rightToLeft = fabric.FindRoute(1, (int)K2KDirection.XMinus)!;
        Assert.Equal([K2KDirection.XPlus], left.Routes);
        Assert.Equal([K2KDirection.XPlus], left.Inboxes);
        Assert.Equal([K2KDirection.XMinus], right.Routes);

        // The right tile exchanges step 0, then sends step 1 (other values) without waiting for the left tile.
        Task right01 = Task.Run(() =>
        {
            right.Exchange(0, rightLevels);
            rightLevels[0].AsSpan().Fill(3f);
            right.Exchange(1, rightLevels);
        });
        left.Exchange(0, leftLevels);
        Assert.True(SpinWait.SpinUntil(() => rightToLeft.Pending == 1, TimeSpan.FromSeconds(20)));
        for (int y = 0; y < 4; y++)
            Assert.Equal(2f, leftLevels[0][layout.Index(4, y)]);

        // The step-1 chunk waited in the inbox, unread, until the left tile exchanged step 1.
        left.Exchange(1, leftLevels);
        await right01.WaitAsync(TimeSpan.FromSeconds(20));
        for (int y = 0; y < 4; y++)
            Assert.Equal(3f, leftLevels[0][layout.Index(4, y)]);
        Assert.Equal((2, 2), (left.ChunksSent, left.ChunksReceived));
        Assert.Equal(0, rightToLeft.Pending);

        // A chunk that claims another step is a protocol error, not data.
        var forged = new HaloChunk();
        forged.Header.Step = 7;
        forged.Header.SourceTile = 1;
        forged.Header.Direction = (uint)K2KDirection.XPlus;
        forged.Header.HaloWidth = 1;
        forged.Header.ElementCount = 4;
        forged.Header.ChunkCount = 1;
        Assert.True(fabric.Endpoint(1).TrySendBytes((int)K2KDirection.XMinus, HaloChunk.TypeId, MemoryMarshal.AsBytes(new ReadOnlySpan<HaloChunk>(in forged))[..HaloChunk.PayloadSize(4)]));
        var error = Assert.Throws<HaloEpochException>(() => left.Exchange(2, leftLevels));
        Assert.Contains("step 7", error.Message, StringComparison.Ordinal);
    }

    private static float[] Filled(HaloTileLayout layout, float value)
    {
        float[] level = new float[layout.Length];
        Array.Fill(level, value);
        return level;
    }

    /// <summary>Collects reports on the reporting thread (unlike <see cref="Progress{T}"/>, which posts them).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
