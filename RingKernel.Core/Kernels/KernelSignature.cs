namespace RingKernel.Kernels;

/// <summary>
/// The parameters a kernel declares, in order. Arguments are packed into 8-byte slots in this order
/// (parameter i at byte 8·i), the layout CUDA's <c>kernelParams</c>, a Vulkan push-constant block
/// with 8-byte offsets and a Metal argument buffer all read.
/// </summary>
public sealed class KernelSignature : IEquatable<KernelSignature>
{
    /// <summary>The most parameters: 4 KiB of slots, CUDA's classic kernel-parameter limit.</summary>
    public const int MaxParameters = 512;

    private readonly KernelParameter[] _parameters;

    public KernelSignature(params KernelParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Length > MaxParameters)
            throw new ArgumentException($"A kernel may declare at most {MaxParameters} parameters; {parameters.Length} were given.", nameof(parameters));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (KernelParameter parameter in parameters)
        {
            if (parameter.Name is null)
                throw new ArgumentException("A parameter is default(KernelParameter); give it a name and kind.", nameof(parameters));
            if (!names.Add(parameter.Name))
                throw new ArgumentException($"Parameter '{parameter.Name}' is declared twice.", nameof(parameters));
        }

        _parameters = (KernelParameter[])parameters.Clone();
    }

    public IReadOnlyList<KernelParameter> Parameters => _parameters;

    public int Count => _parameters.Length;

    public KernelParameter this[int index] => _parameters[index];

    /// <summary>The index of the parameter called <paramref name="name"/>; throws when there is none.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (string.Equals(_parameters[i].Name, name, StringComparison.Ordinal))
                return i;
        }

        throw new ArgumentException($"No parameter is called '{name}'; the signature is ({this}).", nameof(name));
    }

    public bool Equals(KernelSignature? other) =>
        other is not null && (ReferenceEquals(this, other) || _parameters.AsSpan().SequenceEqual(other._parameters));

    public override bool Equals(object? obj) => Equals(obj as KernelSignature);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (KernelParameter parameter in _parameters)
            hash.Add(parameter);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", _parameters);
}
