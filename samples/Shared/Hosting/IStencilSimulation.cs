namespace RingKernel.Samples.Hosting;

/// <summary>A running stencil simulation as the sample host drives it: in batches of steps, then one picture.</summary>
public interface IStencilSimulation
{
    /// <summary>What the simulation computes, in one line (equation, grid, boundary, coefficients).</summary>
    string Description { get; }

    /// <summary>Which engine computes it and how, in one line.</summary>
    string EngineDescription { get; }

    /// <summary>Cells updated per step.</summary>
    long CellsPerStep { get; }

    /// <summary>What runs the steps, in a few words for the progress bar ("2 tile actors, halo 8").</summary>
    string ProgressLabel => "steps";

    /// <summary>What ran, in one line for the summary after the run (tiles, workers, restarts, messages), or null when the engine description says it all.</summary>
    string? Summary => null;

    /// <summary>Advances the simulation by <paramref name="steps"/> steps; returns when they are done.</summary>
    void RunSteps(int steps);

    /// <summary>The picture of the current state: a 2D field, or a plane of a 3D one.</summary>
    FieldPicture Picture();
}
