using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Tests.Stencils;

public class TileGridTests
{
    [Fact]
    public void Tiles_partition_the_grid_exactly()
    {
        TileGrid grid = TileGrid.Create(new GridSize(12, 8, 6), new Dim3(3, 2, 2));
        Assert.Equal(new GridSize(4, 4, 3), grid.TileSize);
        Assert.Equal(12, grid.TileCount);

        int[] owner = Enumerable.Repeat(-1, grid.Size.CellCount).ToArray();
        for (int t = 0; t < grid.TileCount; t++)
        {
            Index3 tile = grid.TileAt(t);
            Assert.Equal(t, grid.IndexOf(tile));
            Index3 origin = grid.OriginOf(tile);
            for (int z = 0; z < grid.TileSize.Depth; z++)
            {
                for (int y = 0; y < grid.TileSize.Height; y++)
                {
                    for (int x = 0; x < grid.TileSize.Width; x++)
                    {
                        int cell = grid.Size.Index(origin.X + x, origin.Y + y, origin.Z + z);
                        Assert.Equal(-1, owner[cell]);
                        owner[cell] = t;
                    }
                }
            }
        }

        Assert.DoesNotContain(-1, owner);
    }

    [Theory]
    [InlineData(10, 10, 1, 3, 1, 1, "3 tiles along X do not divide the 10 cells of the 10x10 grid; use a divisor of 10 (1, 2, 5, 10).")]
    [InlineData(10, 12, 1, 2, 5, 1, "5 tiles along Y do not divide the 12 cells of the 10x12 grid; use a divisor of 12 (1, 2, 3, 4, 6, 12).")]
    [InlineData(8, 8, 1, 2, 2, 2, "The 8x8 grid is 2D, so it has 1 tile along Z, not 2.")]
    [InlineData(8, 8, 7, 1, 1, 2, "2 tiles along Z do not divide the 7 cells of the 8x8x7 grid; use a divisor of 7 (1, 7).")]
    public void Tiles_that_do_not_divide_the_grid_are_refused_in_one_line(int w, int h, int d, int tx, int ty, int tz, string message)
    {
        Assert.False(TileGrid.TryCreate(new GridSize(w, h, d), new Dim3(tx, ty, tz), out TileGrid? grid, out string? error));
        Assert.Null(grid);
        Assert.Equal(message, error);
        ArgumentException thrown = Assert.Throws<ArgumentException>(() => TileGrid.Create(new GridSize(w, h, d), new Dim3(tx, ty, tz)));
        Assert.StartsWith(message, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Divisor_hint_is_shortened_for_extents_with_many_divisors()
    {
        Assert.False(TileGrid.TryCreate(GridSize.Square(720), new Dim3(7, 1), out _, out string? error));
        Assert.Equal("7 tiles along X do not divide the 720 cells of the 720x720 grid; use a divisor of 720 (1, 2, 3, 4, 5, 6, 8, 9, ...).", error);
    }

    [Fact]
    public void Neighbours_in_2D_for_every_face_and_both_boundaries()
    {
        TileGrid grid = TileGrid.Create(GridSize.Square(12), new Dim3(3, 2));
        Assert.Equal(TileFaces.Faces2D, grid.Faces);
        var middleTop = new Index3(1, 0, 0);

        Dictionary<TileFace, Index3?> periodic = grid.Faces.ToDictionary(f => f, f => Neighbour(grid, middleTop, f, BoundaryKind.Periodic));
        Assert.Equal(new Index3(0, 0, 0), periodic[TileFace.XMinus]);
        Assert.Equal(new Index3(2, 0, 0), periodic[TileFace.XPlus]);
        Assert.Equal(new Index3(1, 1, 0), periodic[TileFace.YMinus]); // wraps past the top
        Assert.Equal(new Index3(1, 1, 0), periodic[TileFace.YPlus]);

        Dictionary<TileFace, Index3?> fixedEdges = grid.Faces.ToDictionary(f => f, f => Neighbour(grid, middleTop, f, BoundaryKind.Fixed));
        Assert.Equal(new Index3(0, 0, 0), fixedEdges[TileFace.XMinus]);
        Assert.Equal(new Index3(2, 0, 0), fixedEdges[TileFace.XPlus]);
        Assert.Null(fixedEdges[TileFace.YMinus]);
        Assert.Equal(new Index3(1, 1, 0), fixedEdges[TileFace.YPlus]);

        var corner = new Index3(2, 1, 0);
        Assert.Equal(new Index3(0, 1, 0), Neighbour(grid, corner, TileFace.XPlus, BoundaryKind.Periodic));
        Assert.Equal(new Index3(2, 0, 0), Neighbour(grid, corner, TileFace.YPlus, BoundaryKind.Periodic));
        Assert.Null(Neighbour(grid, corner, TileFace.XPlus, BoundaryKind.Fixed));
        Assert.Null(Neighbour(grid, corner, TileFace.YPlus, BoundaryKind.Fixed));
        Assert.Throws<ArgumentException>(() => grid.TryGetNeighbour(corner, TileFace.ZPlus, BoundaryKind.Periodic, out _));
    }

    [Fact]
    public void Neighbours_in_3D_are_symmetric_and_wrap_on_every_axis()
    {
        TileGrid grid = TileGrid.Create(new GridSize(8, 6, 4), new Dim3(4, 3, 2));
        Assert.Equal(TileFaces.Faces3D, grid.Faces);
        int fixedMissing = 0;
        for (int t = 0; t < grid.TileCount; t++)
        {
            Index3 tile = grid.TileAt(t);
            foreach (TileFace face in grid.Faces)
            {
                Index3 step = face.Offset();
                var expected = new Index3(Mod(tile.X + step.X, 4), Mod(tile.Y + step.Y, 3), Mod(tile.Z + step.Z, 2));
                Index3? periodic = Neighbour(grid, tile, face, BoundaryKind.Periodic);
                Assert.Equal(expected, periodic);
                Assert.Equal(tile, Neighbour(grid, periodic!.Value, face.Opposite(), BoundaryKind.Periodic));

                Index3? fixedNeighbour = Neighbour(grid, tile, face, BoundaryKind.Fixed);
                bool crossesEdge = tile.X + step.X is < 0 or >= 4 || tile.Y + step.Y is < 0 or >= 3 || tile.Z + step.Z is < 0 or >= 2;
                Assert.Equal(crossesEdge ? null : expected, fixedNeighbour);
                fixedMissing += crossesEdge ? 1 : 0;
            }
        }

        // Edge faces of a 4x3x2 block: 2 * (3*2 + 4*2 + 4*3).
        Assert.Equal(52, fixedMissing);
    }

    [Fact]
    public void A_single_tile_along_a_periodic_axis_is_its_own_neighbour()
    {
        TileGrid grid = TileGrid.Create(GridSize.Square(16), new Dim3(1, 4));
        Assert.Equal(new Index3(0, 2, 0), Neighbour(grid, new Index3(0, 2, 0), TileFace.XMinus, BoundaryKind.Periodic));
        Assert.Null(Neighbour(grid, new Index3(0, 2, 0), TileFace.XMinus, BoundaryKind.Fixed));
    }

    [Fact]
    public void Halo_width_is_bounded_by_the_smallest_tile_extent()
    {
        TileGrid grid = TileGrid.Create(new GridSize(32, 16), new Dim3(2, 4));
        Assert.Equal(4, grid.MaxHaloWidth);
        Assert.Null(grid.CheckHaloWidth(1));
        Assert.Null(grid.CheckHaloWidth(4));
        Assert.Equal("A halo of 5 cells is wider than the 16x4 tiles of the 32x16 grid allow; at most 4.", grid.CheckHaloWidth(5));
        Assert.Equal("A halo is at least 1 cell wide; got 0.", grid.CheckHaloWidth(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.OriginOf(new Index3(2, 0, 0)));
    }

    private static Index3? Neighbour(TileGrid grid, Index3 tile, TileFace face, BoundaryKind boundary) =>
        grid.TryGetNeighbour(tile, face, boundary, out Index3 neighbour) ? neighbour : null;

    private static int Mod(int value, int count) => ((value % count) + count) % count;
}
