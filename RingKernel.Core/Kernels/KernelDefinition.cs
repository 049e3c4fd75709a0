namespace RingKernel.Kernels;

/// <summary>
/// A kernel as every backend sees it: its name and launch options. The bodies, which depend on the
/// argument type, are on <see cref="KernelDefinition{TArgs}"/>.
/// </summary>
public abstract class KernelDefinition
{
    private protected KernelDefinition(string name, LaunchOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Options = options;
    }

    /// <summary>Names the kernel in diagnostics and telemetry.</summary>
    public string Name { get; }

    public LaunchOptions Options { get; }

    /// <summary>The parameters the kernel declares, for dispatches with packed arguments; null when it declares none.</summary>
    public KernelSignature? Signature { get; init; }

    public override string ToString() => $"kernel '{Name}' ({Options})";
}
