namespace RingKernel.Stencils.Halo;

/// <summary>A command from the host to a tile kernel, through its input ring; the tile answers each with a <see cref="TileProgress"/>.</summary>
public readonly record struct TileCommand(TileCommandKind Kind, int Steps)
{
    /// <summary>The message type id of tile commands.</summary>
    public const uint TypeId = 0x5443;

    public static TileCommand RunSteps(int steps) => new(TileCommandKind.RunSteps, steps);

    public static TileCommand Snapshot => new(TileCommandKind.Snapshot, 0);
}
