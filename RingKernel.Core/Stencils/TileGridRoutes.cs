using RingKernel.K2K;
using RingKernel.Kernels;

namespace RingKernel.Stencils;

/// <summary>Connects the tiles of a <see cref="TileGrid"/> over a <see cref="K2KFabric"/>: the grid says who neighbours whom, the fabric sets up the routes.</summary>
public static class TileGridRoutes
{
    /// <summary>
    /// Gives every tile of <paramref name="grid"/> a route to each neighbour of <paramref name="neighbourhood"/>
    /// (2D: 4 or 8 routes, 3D: 6 or 26), on the <see cref="K2KDirection"/> route numbers. Tile <c>i</c> is
    /// kernel <c><paramref name="firstKernelId"/> + i</c>, registered if it is not yet. With
    /// <see cref="BoundaryKind.Periodic"/> the grid wraps; with <see cref="BoundaryKind.Fixed"/> a tile on
    /// the grid's edge has no route across it. Either every route is set up or none is.
    /// </summary>
    /// <returns>The number of routes set up.</returns>
    /// <exception cref="ArgumentException">A route or inbox the neighbourhood needs is already in use.</exception>
    public static int ConnectNeighbourhood(this K2KFabric fabric, TileGrid grid, K2KNeighbourhood neighbourhood, BoundaryKind boundary, uint firstKernelId = 0)
    {
        ArgumentNullException.ThrowIfNull(fabric);
        ArgumentNullException.ThrowIfNull(grid);
        IReadOnlyList<K2KDirection> directions = K2KDirections.Of(neighbourhood, is3D: !grid.Size.Is2D);
        if (firstKernelId + (ulong)grid.TileCount - 1 > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(firstKernelId), firstKernelId, $"Kernel ids from {firstKernelId} for {grid.TileCount} tiles overflow 32 bits.");

        var kernels = new uint[grid.TileCount];
        var routes = new List<(uint Source, K2KDirection Direction, uint Target)>(grid.TileCount * directions.Count);
        for (int tile = 0; tile < grid.TileCount; tile++)
        {
            kernels[tile] = firstKernelId + (uint)tile;
            Index3 at = grid.TileAt(tile);
            foreach (K2KDirection direction in directions)
            {
                if (grid.TryGetNeighbour(at, direction.Offset(), boundary, out Index3 neighbour))
                    routes.Add((firstKernelId + (uint)tile, direction, firstKernelId + (uint)grid.IndexOf(neighbour)));
            }
        }

        return fabric.ConnectAll(kernels, routes);
    }
}
