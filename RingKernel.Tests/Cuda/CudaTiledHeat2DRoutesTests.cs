using System.Runtime.InteropServices;
using RingKernel.Cuda.K2K;
using RingKernel.Cuda.Stencils;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Stencils;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The tiled heat's K2K wiring as its blocks read it: each tile's endpoint names its routing table, and
/// its route across each face leads to the inbox, for the opposite face, of the tile that
/// <see cref="TileGrid"/> puts across that face; faces on a fixed boundary have neither route nor inbox.
/// </summary>
public class CudaTiledHeat2DRoutesTests
{
    [Theory]
    [InlineData(48, 32, 3, 2, BoundaryKind.Fixed)]
    [InlineData(48, 32, 3, 2, BoundaryKind.Periodic)]
    [InlineData(500, 6, 2, 2, BoundaryKind.Fixed)]
    [InlineData(20, 20, 1, 1, BoundaryKind.Periodic)]
    [InlineData(20, 20, 1, 1, BoundaryKind.Fixed)]
    [InlineData(20, 20, 4, 1, BoundaryKind.Periodic)]
    public void Each_route_across_a_face_leads_to_the_inbox_of_the_tile_grids_neighbour(int width, int height, int tilesX, int tilesY, BoundaryKind boundary)
    {
        TileGrid grid = TileGrid.Create(new GridSize(width, height), new Dim3(tilesX, tilesY));
        using K2KFabric fabric = CudaTiledHeat2D.ConnectTiles(HostMemorySpace.Instance, grid, boundary);
        byte[] endpoints = CudaK2KBinding.Endpoints(fabric, grid.TileCount);
        int capacity = CudaTiledHeat2D.InboxCapacity(grid.TileSize.Width, grid.TileSize.Height);
        int routes = 0;
        for (int tile = 0; tile < grid.TileCount; tile++)
        {
            K2KEndpoint endpoint = fabric.Endpoint((uint)tile);
            Assert.Equal(endpoint.RoutingTable.DeviceAddress, Read(endpoints, tile, CudaK2KBinding.RoutesOffset));
            ReadOnlySpan<RouteEntry> table = endpoint.RouteEntries;
            foreach (TileFace face in grid.Faces)
            {
                int route = (int)face;
                if (grid.TryGetNeighbour(grid.TileAt(tile), face, boundary, out Index3 across))
                {
                    int neighbour = grid.IndexOf(across);
                    ulong neighbourInbox = Read(endpoints, neighbour, CudaK2KBinding.InboxesOffset + (8 * (int)((K2KDirection)route).Opposite()));
                    Assert.NotEqual(0UL, neighbourInbox);
                    Assert.Equal(neighbourInbox, table[route].InboxAddress);
                    Assert.Equal((uint)neighbour, table[route].TargetKernelId);
                    Assert.Equal(((uint)capacity, (uint)HaloChunk.InboxSlotSize, K2KRoute.FirstSequence), (table[route].InboxCapacity, table[route].InboxSlotSize, table[route].NextSequence));
                    // The strip that comes back across this face fills this tile's halo on it.
                    Assert.NotEqual(0UL, Read(endpoints, tile, CudaK2KBinding.InboxesOffset + (8 * route)));
                    routes++;
                }
                else
                {
                    Assert.Equal(default, table[route]);
                    Assert.Equal(0UL, Read(endpoints, tile, CudaK2KBinding.InboxesOffset + (8 * route)));
                }
            }

            for (int route = grid.Faces.Count; route < K2KDirections.Count; route++)
                Assert.Equal((default(RouteEntry), 0UL), (table[route], Read(endpoints, tile, CudaK2KBinding.InboxesOffset + (8 * route))));
        }

        Assert.Equal(routes, fabric.RouteCount);
        Assert.All(fabric.Routes, route => Assert.Equal((capacity, HaloChunk.InboxSlotSize, 0), (route.InboxCapacity, route.InboxSlotSize, route.Pending)));
    }

    [Theory]
    [InlineData(16, 16, 2)]
    [InlineData(232, 8, 2)]
    [InlineData(233, 8, 4)]
    [InlineData(1000, 8, 16)]
    public void A_halo_inbox_holds_two_steps_of_chunks(int tileWidth, int tileHeight, int capacity) =>
        Assert.Equal(capacity, CudaTiledHeat2D.InboxCapacity(tileWidth, tileHeight));

    private static ulong Read(byte[] endpoints, int tile, int offset) => MemoryMarshal.Read<ulong>(endpoints.AsSpan((tile * CudaK2KBinding.Size) + offset));
}
