using RingKernel.Layouts;

namespace RingKernel.Stencils.Halo;

/// <summary>How a <see cref="TiledStencilEngine"/> sets up its tiles' K2K halo exchange.</summary>
public sealed record TiledStencilOptions
{
    /// <summary>Floats per halo chunk, 1 to <see cref="HaloChunk.Capacity"/>: a strip longer than this is sent in several chunks.</summary>
    public int ChunkElements { get; init; } = HaloChunk.Capacity;

    /// <summary>The most chunks an inbox sized by default holds (<see cref="InboxCapacity"/> null): 1 MiB of slots.</summary>
    public const int MaxDefaultInboxCapacity = 1024;

    /// <summary>
    /// Chunks each K2K inbox holds (a power of two of at least 2); a sender waits, still receiving,
    /// when it is full. Null (the default): the fewest that hold the longest strip a tile sends in one
    /// exchange, at most <see cref="MaxDefaultInboxCapacity"/>, so that a sender does not wait for room
    /// in the middle of an exchange, while many small tiles keep small inboxes.
    /// </summary>
    public int? InboxCapacity { get; init; }

    /// <summary>Whether every halo chunk carries a CRC-32C that the receiving tile verifies.</summary>
    public bool Checksummed { get; init; } = true;

    /// <summary>
    /// Whether each tile checkpoints its cells and halo after every exchange, so that a tile kernel
    /// that faults between exchanges is restarted by its supervisor: relaunched over the same rings,
    /// restored, and given its command again. Costs a copy of the tile per epoch; off unless set.
    /// </summary>
    public bool RestartFromCheckpoints { get; init; }

    /// <summary>Relaunches allowed per tile when <see cref="RestartFromCheckpoints"/> is set; past them a fault ends the run.</summary>
    public int MaxRestartsPerTile { get; init; } = 3;

    /// <summary>How long starting waits for the tile actors to start (10 s unless set).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Called by the tile's kernel, on whatever thread runs it, before each of its steps with (tile, step): lets tests slow
    /// one tile down (a sleep here also holds the worker that runs it) or inject a fault into it. Null in normal use.
    /// </summary>
    public Action<int, long>? BeforeStep { get; init; }
}
