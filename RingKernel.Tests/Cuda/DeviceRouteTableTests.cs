using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Stencils;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.Tests.Cuda;

/// <summary>The host builds the device K2K wiring: every route leads to exactly one inbox of the right neighbour, and inboxes are valid empty rings.</summary>
public class DeviceRouteTableTests
{
    private const ulong InboxBase = 0x7000_0000_0000;

    [Fact]
    public void A_periodic_3x3x3_grid_wires_all_26_directions_of_every_kernel_to_distinct_inboxes()
    {
        var grid = new Dim3(3, 3, 3);
        DeviceRouteTable table = CudaK2KExchange.Routes(grid, InboxBase, inboxCapacity: 2);
        Assert.Equal(27 * 26, table.Routes.Length);
        Assert.Equal(table.Routes.Length, table.Routes.Select(r => r.InboxAddress).Distinct().Count());
        Assert.All(table.Inboxes, address => Assert.NotEqual(0UL, address));
        for (int kernel = 0; kernel < 27; kernel++)
        {
            Index3 at = grid.Delinearize(kernel);
            for (int d = 0; d < K2KDirections.Count; d++)
            {
                var direction = (K2KDirection)d;
                RouteEntry route = table.Routes[(kernel * 26) + d];
                Index3 offset = direction.Offset();
                var expected = new Index3((at.X + offset.X + 3) % 3, (at.Y + offset.Y + 3) % 3, (at.Z + offset.Z + 3) % 3);
                int target = grid.Linearize(expected);
                Assert.Equal((uint)target, route.TargetKernelId);
                Assert.Equal((uint)d, route.Direction);
                Assert.Equal(table.Inboxes[(target * 26) + d], route.InboxAddress);
                Assert.Equal(InboxBase + (ulong)(((target * 26) + d) * table.InboxStride), route.InboxAddress);
                Assert.Equal((2u, 16u, 0UL), (route.InboxCapacity, route.InboxSlotSize, route.NextSequence));
                // The way back: the target's route in the opposite direction leads to this kernel.
                Assert.Equal((uint)kernel, table.Routes[(target * 26) + (int)direction.Opposite()].TargetKernelId);
            }
        }
    }

    [Fact]
    public void Two_routes_into_one_inbox_are_refused()
    {
        var thrown = Assert.Throws<ArgumentException>(() => DeviceRouteTable.Build(2, 2, (kernel, route) => new DeviceRoute(0, 0), 0, 2, 16));
        Assert.Contains("exactly one sender", thrown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DeviceRouteTable.Build(2, 2, (kernel, route) => new DeviceRoute(2, route), 0, 2, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceRouteTable.Build(2, 2, (kernel, route) => null, 0, 3, 16));
    }

    [Fact]
    public void Tiles_on_a_fixed_boundary_have_no_route_off_the_grid_and_strips_land_on_the_opposite_face()
    {
        // 3 x 2 tiles: tile 4 is (1, 1), whose YPlus face is the grid's edge.
        DeviceRouteTable table = CudaTiledHeat2D.Routes(3, 2, periodic: false, InboxBase, inboxCapacity: 2);
        RouteEntry[] tile4 = table.Routes[16..20];
        Assert.Equal([3u, 5u, 1u, 0u], tile4.Select(r => r.TargetKernelId));
        Assert.Equal(0UL, tile4[3].InboxAddress);
        Assert.Equal(table.Inboxes[(3 * 4) + 1], tile4[0].InboxAddress); // west strip: tile 3's XPlus halo
        Assert.Equal(table.Inboxes[(5 * 4) + 0], tile4[1].InboxAddress); // east strip: tile 5's XMinus halo
        Assert.Equal(table.Inboxes[(1 * 4) + 3], tile4[2].InboxAddress); // north strip: tile 1's YPlus halo
        Assert.Equal(0UL, table.Inboxes[(4 * 4) + 3]);                   // nothing fills tile 4's YPlus halo
        int interiorFaces = (2 * 2 * 2) + (2 * 3);                       // 2 x-neighbour pairs per row, 3 y pairs, both ways
        Assert.Equal(interiorFaces, table.Inboxes.Count(address => address != 0));

        DeviceRouteTable periodic = CudaTiledHeat2D.Routes(1, 1, periodic: true, InboxBase, inboxCapacity: 2);
        Assert.All(periodic.Routes, route => Assert.Equal(0u, route.TargetKernelId));
        Assert.Equal(periodic.Inboxes[1], periodic.Routes[0].InboxAddress);
    }

    [Theory]
    [InlineData(16, 16, 2)]
    [InlineData(232, 8, 2)]
    [InlineData(233, 8, 4)]
    [InlineData(1000, 8, 16)]
    public void A_halo_inbox_holds_two_steps_of_chunks(int tileWidth, int tileHeight, int capacity) =>
        Assert.Equal(capacity, CudaTiledHeat2D.InboxCapacity(tileWidth, tileHeight));

    [Fact]
    public void Formatted_inboxes_are_empty_single_producer_rings_a_host_can_attach_to()
    {
        DeviceRouteTable table = CudaTiledHeat2D.Routes(2, 2, periodic: true, InboxBase, inboxCapacity: 4);
        byte[] bytes = table.FormatInboxes();
        Assert.Equal(table.InboxBytes, bytes.Length);
        Assert.Equal(0, table.InboxStride % 256);
        using DeviceBuffer buffer = HostMemorySpace.Instance.Allocate(table.InboxStride);
        for (int inbox = 0; inbox < table.Inboxes.Length; inbox++)
        {
            bytes.AsSpan((int)(inbox * table.InboxStride), (int)table.InboxStride).CopyTo(buffer.AsSpan());
            SpscRing ring = SpscRing.Attach(buffer);
            Assert.Equal((4, 1024, 0), (ring.Capacity, ring.SlotSize, ring.Count));
            Assert.True(ring.TryEnqueue(new byte[1024]));
        }
    }
}
