using MessagePack;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Stencils.Halo;

namespace RingKernel.Cluster;

/// <summary>
/// What a cluster run computes, as every node must know it to make tiles: the equation, the grid's
/// tiling, the halo width and the K2K settings of the tiles' exchange. It travels to the nodes with
/// each generation's plan (MessagePack), so the nodes need no configuration of their own for it.
/// </summary>
[MessagePackObject]
public sealed class ClusterSimulation
{
    [SerializationConstructor]
    internal ClusterSimulation(
        ClusterStencilKind kind, int width, int height, int depth, int tilesX, int tilesY, int tilesZ, int halo,
        BoundaryKind boundary, float fixedValue, float coefficient, int chunkElements, int inboxCapacity, bool checksummed)
    {
        Kind = kind;
        Width = width;
        Height = height;
        Depth = depth;
        TilesX = tilesX;
        TilesY = tilesY;
        TilesZ = tilesZ;
        Halo = halo;
        Boundary = boundary;
        FixedValue = fixedValue;
        Coefficient = coefficient;
        ChunkElements = chunkElements;
        InboxCapacity = inboxCapacity;
        Checksummed = checksummed;
        var size = new GridSize(width, height, depth);
        Grid = TileGrid.Create(size, new Dim3(tilesX, tilesY, tilesZ));
        Layout = new HaloTileLayout(Grid, halo);
        StencilBoundary stencilBoundary = boundary == BoundaryKind.Fixed ? StencilBoundary.Fixed(fixedValue) : StencilBoundary.Periodic;
        if (kind == ClusterStencilKind.Heat2D)
            HeatEquation = new HeatEquation2D(size, coefficient, stencilBoundary);
        else
            WaveEquation = new WaveEquation3D(size, coefficient, stencilBoundary);
        string? haloError = Grid.CheckHaloWidth(halo);
        if (haloError is not null)
            throw new ArgumentOutOfRangeException(nameof(halo), halo, haloError);
    }

    [Key(0)] public ClusterStencilKind Kind { get; }

    [Key(1)] public int Width { get; }

    [Key(2)] public int Height { get; }

    [Key(3)] public int Depth { get; }

    [Key(4)] public int TilesX { get; }

    [Key(5)] public int TilesY { get; }

    [Key(6)] public int TilesZ { get; }

    [Key(7)] public int Halo { get; }

    [Key(8)] public BoundaryKind Boundary { get; }

    [Key(9)] public float FixedValue { get; }

    /// <summary>The heat equation's alpha or the wave equation's c².</summary>
    [Key(10)] public float Coefficient { get; }

    [Key(11)] public int ChunkElements { get; }

    /// <summary>Inbox slots when the options leave them to the engine (a node's fabric is made before its tiles).</summary>
    public const int DefaultInboxCapacity = 16;

    [Key(12)] public int InboxCapacity { get; }

    [Key(13)] public bool Checksummed { get; }

    [IgnoreMember] public TileGrid Grid { get; }

    /// <summary>The padded memory of one tile.</summary>
    [IgnoreMember] public HaloTileLayout Layout { get; }

    [IgnoreMember] public HeatEquation2D? HeatEquation { get; }

    [IgnoreMember] public WaveEquation3D? WaveEquation { get; }

    /// <summary>Whole-grid fields the simulation's state is made of: 1 for the heat equation, 2 for the wave (previous, current).</summary>
    [IgnoreMember] public int FieldCount => Kind == ClusterStencilKind.Heat2D ? 1 : 2;

    /// <summary>The options each node's tiles exchange halos with.</summary>
    [IgnoreMember] public TiledStencilOptions TileOptions => new() { ChunkElements = ChunkElements, InboxCapacity = InboxCapacity, Checksummed = Checksummed };

    /// <summary>A tiled <see cref="HeatEquation2D"/> run; <paramref name="options"/> gives the chunk size, inbox capacity and checksums of the halo exchange.</summary>
    public static ClusterSimulation Heat2D(HeatEquation2D equation, TileGrid grid, int halo, TiledStencilOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(grid);
        if (equation.Size != grid.Size)
            throw new ArgumentException($"The equation is over a {equation.Size} grid, the tiles over {grid.Size}.", nameof(grid));
        options ??= new TiledStencilOptions();
        return new ClusterSimulation(
            ClusterStencilKind.Heat2D, grid.Size.Width, grid.Size.Height, grid.Size.Depth, grid.Tiles.X, grid.Tiles.Y, grid.Tiles.Z, halo,
            equation.Boundary.Kind, equation.Boundary.FixedValue, equation.Alpha, options.ChunkElements, options.InboxCapacity ?? DefaultInboxCapacity, options.Checksummed);
    }

    /// <summary>A tiled <see cref="WaveEquation3D"/> run over a 3D grid.</summary>
    public static ClusterSimulation Wave3D(WaveEquation3D equation, TileGrid grid, int halo, TiledStencilOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(grid);
        if (equation.Size != grid.Size)
            throw new ArgumentException($"The equation is over a {equation.Size} grid, the tiles over {grid.Size}.", nameof(grid));
        if (equation.Size.Is2D)
            throw new ArgumentException($"The tiled wave runs on a 3D grid; {equation.Size} has a depth of 1.", nameof(equation));
        options ??= new TiledStencilOptions();
        return new ClusterSimulation(
            ClusterStencilKind.Wave3D, grid.Size.Width, grid.Size.Height, grid.Size.Depth, grid.Tiles.X, grid.Tiles.Y, grid.Tiles.Z, halo,
            equation.Boundary.Kind, equation.Boundary.FixedValue, equation.C2, options.ChunkElements, options.InboxCapacity ?? DefaultInboxCapacity, options.Checksummed);
    }

    /// <summary>
    /// Makes tile <paramref name="tile"/> over the whole-grid <paramref name="fields"/> (<see cref="FieldCount"/>
    /// of them): the tile reads its cells from them now.
    /// </summary>
    public StencilTile CreateTile(int tile, IReadOnlyList<float[]> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count != FieldCount)
            throw new ArgumentException($"A {Kind} simulation has {FieldCount} field(s); {fields.Count} were given.", nameof(fields));
        return Kind == ClusterStencilKind.Heat2D
            ? new HeatTile2D(HeatEquation!, Grid, tile, Halo, fields[0])
            : new WaveTile3D(WaveEquation!, Grid, tile, Halo, fields[0], fields[1]);
    }

    public override string ToString() => $"{(object?)HeatEquation ?? WaveEquation} in {Grid.Tiles.X}x{Grid.Tiles.Y}x{Grid.Tiles.Z} tiles, halo {Halo}";
}
