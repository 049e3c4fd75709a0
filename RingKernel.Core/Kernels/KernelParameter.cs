namespace RingKernel.Kernels;

/// <summary>One declared kernel parameter: its name (for errors and generated code) and kind.</summary>
public readonly record struct KernelParameter
{
    public KernelParameter(string name, KernelParameterKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown parameter kind.");
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public KernelParameterKind Kind { get; }

    public override string ToString() => $"{Name}: {Kind}";
}
