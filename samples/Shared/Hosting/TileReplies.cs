using RingKernel.Stencils.Halo;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// Checks the progress replies of a tiled engine's RunSteps command as they arrive: every tile must
/// report the step the host asked for.
/// </summary>
public sealed class TileReplies(long expectedStep) : IProgress<TileProgress>
{
    public void Report(TileProgress value)
    {
        if (value.Step != expectedStep)
            throw new InvalidOperationException($"Tile {value.Tile} reports step {value.Step}; step {expectedStep} was commanded.");
    }
}
