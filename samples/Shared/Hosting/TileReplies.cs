using RingKernel.Stencils.Halo;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// Checks the progress replies of a tiled engine's RunSteps command as they arrive: every tile must
/// report the step the host asked for. Counts the halo chunks the tiles have sent over K2K.
/// </summary>
public sealed class TileReplies(long expectedStep) : IProgress<TileProgress>
{
    /// <summary>Replies read so far.</summary>
    public int Count { get; private set; }

    /// <summary>Halo chunks sent by the tiles that replied, since the start.</summary>
    public long ChunksSent { get; private set; }

    public void Report(TileProgress value)
    {
        if (value.Step != expectedStep)
            throw new InvalidOperationException($"Tile {value.Tile} reports step {value.Step}; step {expectedStep} was commanded.");
        Count++;
        ChunksSent += value.ChunksSent;
    }
}
