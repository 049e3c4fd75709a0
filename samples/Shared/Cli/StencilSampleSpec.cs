namespace RingKernel.Samples.Cli;

/// <summary>What a stencil sample accepts: its name, 2D or 3D, defaults, and its engines (the first is the default).</summary>
public sealed record StencilSampleSpec(
    string ProgramName,
    int Dimensions,
    int DefaultSize,
    int DefaultSteps,
    string DefaultOutput,
    IReadOnlyList<StencilEngine> Engines);
