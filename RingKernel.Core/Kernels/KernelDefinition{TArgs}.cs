using System.Diagnostics.CodeAnalysis;

namespace RingKernel.Kernels;

/// <summary>
/// A kernel whose dispatches pass a <typeparamref name="TArgs"/> to its body, with the bodies
/// backends supplied (<see cref="Bodies"/>): each backend defines its body types, attaches them with
/// builder extensions over <see cref="WithBody"/> and runs the one it finds with
/// <see cref="TryGetBody{TBody}"/>. Arguments are a value of the caller's choosing (typically a
/// small record or struct of <see cref="Memory.DeviceBuffer"/>s, arrays and scalars); a struct is
/// passed to the body without boxing.
/// </summary>
public sealed class KernelDefinition<TArgs> : KernelDefinition
{
    private IKernelBody[] _bodies = [];

    public KernelDefinition(string name, LaunchOptions options)
        : base(name, options)
    {
    }

    /// <summary>The bodies backends supplied, at most one of each runtime type, in the order they were first added.</summary>
    public IReadOnlyList<IKernelBody> Bodies => Array.AsReadOnly(_bodies);

    /// <summary>
    /// The same kernel with <paramref name="body"/> added, replacing a body of the same runtime type.
    /// Backends wrap this in builder extensions that name their body kinds.
    /// </summary>
    public KernelDefinition<TArgs> WithBody(IKernelBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Type type = body.GetType();
        int index = Array.FindIndex(_bodies, b => b.GetType() == type);
        IKernelBody[] bodies = index < 0 ? [.. _bodies, body] : [.. _bodies];
        if (index >= 0)
            bodies[index] = body;
        KernelDefinition<TArgs> copy = WithOptions(Options);
        copy._bodies = bodies;
        return copy;
    }

    /// <summary>The body of type <typeparamref name="TBody"/> a backend supplied, if any.</summary>
    public bool TryGetBody<TBody>([NotNullWhen(true)] out TBody? body)
        where TBody : class, IKernelBody
    {
        foreach (IKernelBody candidate in _bodies)
        {
            if (candidate is TBody typed)
            {
                body = typed;
                return true;
            }
        }

        body = null;
        return false;
    }

    /// <summary>The same kernel launched with other options (another grid for another data size, say).</summary>
    public KernelDefinition<TArgs> WithOptions(LaunchOptions options) => new(Name, options)
    {
        _bodies = _bodies,
        Signature = Signature,
    };
}
