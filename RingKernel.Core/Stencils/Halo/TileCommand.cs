namespace RingKernel.Stencils.Halo;

/// <summary>
/// A command from the host to a tile kernel, through its input ring; the tile answers each with a
/// <see cref="TileProgress"/>. A run names the step to reach, not a count, so a tile restarted from
/// its checkpoint that takes the same command again ends on the same step.
/// </summary>
public readonly record struct TileCommand(TileCommandKind Kind, long UntilStep)
{
    /// <summary>The message type id of tile commands.</summary>
    public const uint TypeId = 0x5443;

    /// <summary>Run until the tile has done <paramref name="untilStep"/> steps in all (the host's RunSteps(n) from step s is RunSteps(s + n)).</summary>
    public static TileCommand RunSteps(long untilStep) => new(TileCommandKind.RunSteps, untilStep);

    public static TileCommand Snapshot => new(TileCommandKind.Snapshot, 0);
}
