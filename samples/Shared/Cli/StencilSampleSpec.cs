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
    /// <summary>
    /// The backends the sample has kernels for, each with a probe that returns null when the backend
    /// can run on this machine, or why not (with what to install). The CPU backend by default.
    /// </summary>
    public IReadOnlyDictionary<string, Func<string?>> Backends { get; init; } = new Dictionary<string, Func<string?>> { ["cpu"] = static () => null };
}
