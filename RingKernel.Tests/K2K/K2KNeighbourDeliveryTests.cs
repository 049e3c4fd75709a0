using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;
using static RingKernel.Tests.K2K.K2KTestSupport;

namespace RingKernel.Tests.K2K;

/// <summary>Every tile sends its id in every direction; every inbox receives exactly the right neighbour's message.</summary>
public class K2KNeighbourDeliveryTests
{
    public static TheoryData<int, int, int, BoundaryKind, K2KNeighbourhood> Grids => new()
    {
        { 4, 3, 1, BoundaryKind.Periodic, K2KNeighbourhood.Moore },
        { 4, 3, 1, BoundaryKind.Fixed, K2KNeighbourhood.Moore },
        { 2, 2, 1, BoundaryKind.Periodic, K2KNeighbourhood.Moore },
        { 1, 3, 1, BoundaryKind.Periodic, K2KNeighbourhood.VonNeumann },
        { 3, 3, 3, BoundaryKind.Periodic, K2KNeighbourhood.Moore },
        { 3, 3, 3, BoundaryKind.Fixed, K2KNeighbourhood.Moore },
        { 2, 2, 2, BoundaryKind.Periodic, K2KNeighbourhood.Moore },
        { 4, 2, 3, BoundaryKind.Periodic, K2KNeighbourhood.VonNeumann },
        { 4, 2, 3, BoundaryKind.Fixed, K2KNeighbourhood.VonNeumann },
    };

    [Theory]
    [MemberData(nameof(Grids))]
    public void Every_direction_delivers_to_the_neighbour_the_tile_grid_names(int tilesX, int tilesY, int tilesZ, BoundaryKind boundary, K2KNeighbourhood neighbourhood)
    {
        var tiles = new Dim3(tilesX, tilesY, tilesZ);
        GridSize size = tilesZ == 1 ? new GridSize(2 * tilesX, 2 * tilesY) : new GridSize(2 * tilesX, 2 * tilesY, 2 * tilesZ);
        TileGrid grid = TileGrid.Create(size, tiles);
        IReadOnlyList<K2KDirection> directions = K2KDirections.Of(neighbourhood, !size.Is2D);
        const uint firstKernelId = 1000;
        using K2KFabric fabric = Fabric(inboxCapacity: 2);
        int routes = fabric.ConnectNeighbourhood(grid, neighbourhood, boundary, firstKernelId);

        int sent = 0;
        for (int tile = 0; tile < grid.TileCount; tile++)
        {
            K2KEndpoint endpoint = fabric.Endpoint(firstKernelId + (uint)tile);
            foreach (K2KDirection direction in directions)
            {
                if (endpoint.FindRoute((int)direction) is null)
                    continue;
                Assert.True(endpoint.TrySend((int)direction, new TileToken(tile, (int)direction)));
                sent++;
            }
        }

        Assert.Equal(routes, sent);
        int received = 0;
        for (int tile = 0; tile < grid.TileCount; tile++)
        {
            Index3 at = grid.TileAt(tile);
            K2KEndpoint endpoint = fabric.Endpoint(firstKernelId + (uint)tile);
            foreach (K2KDirection inbox in directions)
            {
                int? expected = ExpectedNeighbour(tiles, at, inbox.Offset(), boundary);
                if (expected is null)
                {
                    Assert.Null(endpoint.FindInbox((int)inbox));
                    Assert.False(grid.TryGetNeighbour(at, inbox.Offset(), boundary, out _));
                    continue;
                }

                // The neighbour across this side sent towards us, so in the opposite direction.
                Assert.True(endpoint.TryReceive((int)inbox, out TileToken token, out MessageHeader header));
                Assert.Equal(new TileToken(expected.Value, (int)inbox.Opposite()), token);
                Assert.Equal(firstKernelId + (uint)expected.Value, header.SourceId);
                Assert.Equal(firstKernelId + (uint)tile, header.DestinationId);
                Assert.Equal(K2KRoute.FirstSequence, header.MessageId);
                Assert.False(endpoint.TryReceive((int)inbox, out TileToken _));

                Assert.True(grid.TryGetNeighbour(at, inbox.Offset(), boundary, out Index3 neighbour));
                Assert.Equal(expected.Value, grid.IndexOf(neighbour));
                if ((int)inbox < 6)
                {
                    Assert.True(grid.TryGetNeighbour(at, (TileFace)(int)inbox, boundary, out Index3 acrossFace));
                    Assert.Equal(neighbour, acrossFace);
                }

                received++;
            }
        }

        Assert.Equal(sent, received);
    }

    [Fact]
    public void A_corner_neighbour_is_the_face_neighbour_of_a_face_neighbour()
    {
        TileGrid grid = TileGrid.Create(GridSize.Cube(8), new Dim3(4, 4, 4));
        foreach (BoundaryKind boundary in new[] { BoundaryKind.Periodic, BoundaryKind.Fixed })
        {
            for (int tile = 0; tile < grid.TileCount; tile++)
            {
                Index3 at = grid.TileAt(tile);
                foreach (K2KDirection direction in K2KDirections.Moore3D)
                {
                    Index3 step = direction.Offset();
                    Index3? walked = at;
                    foreach ((int s, TileFace minus, TileFace plus) in new[] { (step.X, TileFace.XMinus, TileFace.XPlus), (step.Y, TileFace.YMinus, TileFace.YPlus), (step.Z, TileFace.ZMinus, TileFace.ZPlus) })
                    {
                        if (s == 0 || walked is null)
                            continue;
                        walked = grid.TryGetNeighbour(walked.Value, s < 0 ? minus : plus, boundary, out Index3 next) ? next : null;
                    }

                    bool found = grid.TryGetNeighbour(at, step, boundary, out Index3 direct);
                    Assert.Equal(walked is not null, found);
                    if (found)
                        Assert.Equal(walked, direct);
                }
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => grid.TryGetNeighbour(default, new Index3(2, 0, 0), BoundaryKind.Periodic, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.TryGetNeighbour(default, new Index3(0, 0, 0), BoundaryKind.Periodic, out _));
        TileGrid flat = TileGrid.Create(GridSize.Square(4), new Dim3(2, 2));
        Assert.Throws<ArgumentException>(() => flat.TryGetNeighbour(default, K2KDirection.XPlusZPlus.Offset(), BoundaryKind.Periodic, out _));
    }
}
