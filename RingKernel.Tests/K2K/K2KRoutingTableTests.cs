using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Stencils;
using static RingKernel.Tests.K2K.K2KTestSupport;

namespace RingKernel.Tests.K2K;

/// <summary>The routing tables the fabric writes hold exactly the routes of the neighbourhood, each naming its inbox.</summary>
public class K2KRoutingTableTests
{
    private const uint FirstKernelId = 100;

    [Theory]
    [InlineData(BoundaryKind.Periodic, K2KNeighbourhood.Moore)]
    [InlineData(BoundaryKind.Fixed, K2KNeighbourhood.Moore)]
    [InlineData(BoundaryKind.Periodic, K2KNeighbourhood.VonNeumann)]
    [InlineData(BoundaryKind.Fixed, K2KNeighbourhood.VonNeumann)]
    public void Every_route_entry_names_its_inbox_buffer_and_every_absent_route_is_zero_in_3D(BoundaryKind boundary, K2KNeighbourhood neighbourhood) =>
        CheckTables(TileGrid.Create(GridSize.Cube(6), new Dim3(3, 3, 3)), neighbourhood, boundary);

    [Theory]
    [InlineData(BoundaryKind.Periodic, K2KNeighbourhood.Moore)]
    [InlineData(BoundaryKind.Fixed, K2KNeighbourhood.Moore)]
    [InlineData(BoundaryKind.Periodic, K2KNeighbourhood.VonNeumann)]
    [InlineData(BoundaryKind.Fixed, K2KNeighbourhood.VonNeumann)]
    public void Every_route_entry_names_its_inbox_buffer_and_every_absent_route_is_zero_in_2D(BoundaryKind boundary, K2KNeighbourhood neighbourhood) =>
        CheckTables(TileGrid.Create(new GridSize(8, 6), new Dim3(4, 3)), neighbourhood, boundary);

    [Fact]
    public void A_3D_Moore_tile_has_26_routes_inside_the_grid_and_7_in_a_fixed_corner()
    {
        TileGrid grid = TileGrid.Create(GridSize.Cube(6), new Dim3(3, 3, 3));
        using K2KFabric fabric = Fabric(inboxCapacity: 4);
        fabric.ConnectNeighbourhood(grid, K2KNeighbourhood.Moore, BoundaryKind.Fixed, FirstKernelId);

        K2KEndpoint centre = fabric.Endpoint(FirstKernelId + (uint)grid.IndexOf(new Index3(1, 1, 1)));
        Assert.Equal(26, CountRoutes(centre));
        Assert.All(centre.RouteEntries.ToArray(), entry => Assert.NotEqual(0UL, entry.InboxAddress));

        K2KEndpoint corner = fabric.Endpoint(FirstKernelId);
        Assert.Equal(7, CountRoutes(corner));
        Assert.Equal(
            [K2KDirection.XPlus, K2KDirection.YPlus, K2KDirection.ZPlus, K2KDirection.XPlusYPlus, K2KDirection.XPlusZPlus, K2KDirection.YPlusZPlus, K2KDirection.XPlusYPlusZPlus],
            Enumerable.Range(0, K2KDirections.Count).Where(r => corner.FindRoute(r) is not null).Select(r => (K2KDirection)r));
    }

    [Fact]
    public void Periodic_routes_wrap_to_the_opposite_edge_and_fixed_edges_have_none()
    {
        // 4 x 3 tiles; tile (0, 0) is kernel 0.
        TileGrid grid = TileGrid.Create(new GridSize(8, 6), new Dim3(4, 3));
        using K2KFabric periodic = Fabric(inboxCapacity: 4);
        Assert.Equal(12 * 8, periodic.ConnectNeighbourhood(grid, K2KNeighbourhood.Moore, BoundaryKind.Periodic));
        K2KEndpoint origin = periodic.Endpoint(0);
        Assert.Equal(3u, origin.RouteEntries[(int)K2KDirection.XMinus].TargetKernelId);            // (3, 0)
        Assert.Equal(8u, origin.RouteEntries[(int)K2KDirection.YMinus].TargetKernelId);            // (0, 2)
        Assert.Equal(11u, origin.RouteEntries[(int)K2KDirection.XMinusYMinus].TargetKernelId);     // (3, 2)
        Assert.Equal(9u, origin.RouteEntries[(int)K2KDirection.XPlusYMinus].TargetKernelId);       // (1, 2)
        Assert.Equal(5u, origin.RouteEntries[(int)K2KDirection.XPlusYPlus].TargetKernelId);        // (1, 1)
        Assert.Equal((int)K2KDirection.XPlusYPlus, periodic.FindRoute(3, (int)K2KDirection.XMinusYMinus)!.InboxRoute);

        using K2KFabric bounded = Fabric(inboxCapacity: 4);
        // Per row of 4: 3 east and 3 west links; per column of 3: 2 + 2; diagonals: 2 * 3 * 2 each way.
        Assert.Equal((3 * 6) + (4 * 4) + (2 * 2 * 3 * 2), bounded.ConnectNeighbourhood(grid, K2KNeighbourhood.Moore, BoundaryKind.Fixed));
        K2KEndpoint corner = bounded.Endpoint(0);
        Assert.Equal(3, CountRoutes(corner));
        Assert.Null(corner.FindRoute((int)K2KDirection.XMinus));
        Assert.Null(corner.FindRoute((int)K2KDirection.XPlusYMinus));
        Assert.Equal(default, corner.RouteEntries[(int)K2KDirection.XMinus]);
        Assert.Equal(1u, corner.RouteEntries[(int)K2KDirection.XPlus].TargetKernelId);
    }

    [Fact]
    public void Routes_set_up_twice_or_into_a_used_inbox_are_refused_and_nothing_changes()
    {
        using K2KFabric fabric = Fabric();
        fabric.Register(1);
        fabric.Register(2);
        fabric.Register(3);
        fabric.Connect(1, K2KDirection.XPlus, 2);
        ArgumentException twice = Assert.Throws<ArgumentException>(() => fabric.Connect(1, K2KDirection.XPlus, 3));
        Assert.Contains("Kernel 1's route 1 (XPlus) is already in use", twice.Message, StringComparison.Ordinal);
        ArgumentException sameInbox = Assert.Throws<ArgumentException>(() => fabric.Connect(3, K2KDirection.XPlus, 2));
        Assert.Contains("Kernel 2's inbox 0 (XMinus) is already in use", sameInbox.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => fabric.Connect(1, K2KDirection.YPlus, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => fabric.Connect(1, 26, 2, 3));
        Assert.Equal(1, fabric.RouteCount);

        // A neighbourhood that collides with the route is refused as a whole.
        TileGrid line = TileGrid.Create(new GridSize(4, 1), new Dim3(4, 1));
        Assert.Throws<ArgumentException>(() => fabric.ConnectNeighbourhood(line, K2KNeighbourhood.VonNeumann, BoundaryKind.Fixed));
        Assert.Equal(1, fabric.RouteCount);
        Assert.Throws<ArgumentException>(() => fabric.Endpoint(0));
    }

    [Fact]
    public void A_set_of_routes_registers_its_kernels_and_is_set_up_whole_or_not_at_all()
    {
        using K2KFabric fabric = Fabric();
        fabric.Register(7);

        Assert.Equal(2, fabric.ConnectAll([5, 6], [(5, K2KDirection.XPlus, 6), (6, K2KDirection.XPlus, 7)]));
        Assert.Equal(6u, fabric.FindRoute(5, (int)K2KDirection.XPlus)!.TargetKernelId);
        Assert.Equal((int)K2KDirection.XMinus, fabric.FindRoute(6, (int)K2KDirection.XPlus)!.InboxRoute);

        // A route to a kernel neither registered nor listed, or into a used inbox, refuses the whole set.
        ArgumentException unknown = Assert.Throws<ArgumentException>(() => fabric.ConnectAll([8], [(8, K2KDirection.YPlus, 5), (5, K2KDirection.YPlus, 9)]));
        Assert.Contains("kernel 9", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => fabric.ConnectAll([8], [(8, K2KDirection.YPlus, 5), (6, K2KDirection.XPlus, 5)]));
        Assert.Equal(2, fabric.RouteCount);
        Assert.Throws<ArgumentException>(() => fabric.Endpoint(8));
    }

    private static void CheckTables(TileGrid grid, K2KNeighbourhood neighbourhood, BoundaryKind boundary)
    {
        using K2KFabric fabric = Fabric(inboxCapacity: 4);
        int created = fabric.ConnectNeighbourhood(grid, neighbourhood, boundary, FirstKernelId);
        IReadOnlyList<K2KDirection> directions = K2KDirections.Of(neighbourhood, !grid.Size.Is2D);

        int expectedRoutes = 0;
        for (int tile = 0; tile < grid.TileCount; tile++)
        {
            Index3 at = grid.TileAt(tile);
            K2KEndpoint endpoint = fabric.Endpoint(FirstKernelId + (uint)tile);
            Assert.Equal(K2KDirections.Count * RouteEntry.Size, endpoint.RoutingTable.Length);
            RouteEntry[] entries = endpoint.RouteEntries.ToArray();
            for (int route = 0; route < K2KDirections.Count; route++)
            {
                var direction = (K2KDirection)route;
                int? neighbour = directions.Contains(direction) ? ExpectedNeighbour(grid.Tiles, at, direction.Offset(), boundary) : null;
                K2KRoute? found = endpoint.FindRoute(route);
                if (neighbour is null)
                {
                    Assert.Null(found);
                    Assert.Equal(default, entries[route]);
                    continue;
                }

                expectedRoutes++;
                Assert.NotNull(found);
                RouteEntry entry = entries[route];
                Assert.NotEqual(0UL, entry.InboxAddress);
                Assert.Equal(found.InboxBuffer.DeviceAddress, entry.InboxAddress);
                Assert.Equal(K2KRoute.FirstSequence, entry.NextSequence);
                Assert.Equal(FirstKernelId + (uint)neighbour.Value, entry.TargetKernelId);
                Assert.Equal((uint)route, entry.Direction);
                Assert.Equal((uint)found.InboxCapacity, entry.InboxCapacity);
                Assert.Equal(4u, entry.InboxCapacity);
                Assert.Equal((uint)found.InboxSlotSize, entry.InboxSlotSize);
                Assert.Equal(128u, entry.InboxSlotSize);

                // The ring in the inbox buffer has the geometry the entry advertises.
                ref RingHeader ring = ref found.InboxBuffer.AsRef<RingHeader>(0);
                Assert.Equal(RingHeader.FormattedMagic, ring.Magic);
                Assert.Equal(entry.InboxCapacity, ring.Capacity);
                Assert.Equal(entry.InboxSlotSize, ring.SlotSize);
                Assert.Equal(RingKind.SingleProducer, ring.Kind);

                // The receiver consumes it on the opposite route.
                Assert.Equal((int)direction.Opposite(), found.InboxRoute);
                Assert.Same(found, fabric.Endpoint(entry.TargetKernelId).FindInbox(found.InboxRoute));
            }
        }

        Assert.Equal(expectedRoutes, created);
        Assert.Equal(expectedRoutes, fabric.RouteCount);
        Assert.Equal(expectedRoutes, fabric.Routes.Select(r => r.InboxBuffer.DeviceAddress).Distinct().Count());
        if (boundary == BoundaryKind.Periodic)
            Assert.Equal(grid.TileCount * directions.Count, created);
    }

    private static int CountRoutes(K2KEndpoint endpoint) =>
        Enumerable.Range(0, K2KDirections.Count).Count(r => endpoint.FindRoute(r) is not null);
}
