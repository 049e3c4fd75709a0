namespace RingKernel.Samples.Cli;

/// <summary>What a stencil sample accepts: its name, 2D or 3D, defaults, and its engines (the first is the default).</summary>
public sealed record StencilSampleSpec(
    string ProgramName,
    int Dimensions,
    int DefaultSize,
    int DefaultSteps,
    string DefaultOutput,
    IReadOnlyList<StencilEngine> Engines)
{
    /// <summary>The equation in mathematical notation, for the picture's caption (empty: the caption names it in words only).</summary>
    public string Equation { get; init; } = "";

    /// <summary>
    /// The backends the sample has kernels for, each with a check that returns null when the backend
    /// can run the parsed options on this machine, or one line saying why not (what to install, or
    /// which option to change). The CPU backend by default.
    /// </summary>
    public IReadOnlyDictionary<string, Func<StencilOptions, string?>> Backends { get; init; } =
        new Dictionary<string, Func<StencilOptions, string?>> { ["cpu"] = static _ => null };
}
