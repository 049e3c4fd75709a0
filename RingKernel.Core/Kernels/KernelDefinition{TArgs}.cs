using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace RingKernel.Kernels;

/// <summary>
/// A kernel whose dispatches pass a <typeparamref name="TArgs"/> to its body, with one body per
/// backend. Arguments are a value of the caller's choosing (typically a small record or struct of
/// <see cref="Memory.DeviceBuffer"/>s, arrays and scalars); a struct is copied into each coroutine
/// without boxing.
/// </summary>
/// <remarks>
/// The CPU backend runs <see cref="CpuWorkgroupBody"/> when it is given (the fast path), else
/// <see cref="CpuCoroutineBody"/> (per thread, pooled), else <see cref="CpuThreadBody"/> (per
/// thread, an iterator allocated per thread per workgroup). A ring kernel (options with rings) may instead give
/// <see cref="CpuMessageBody"/>, which the backend calls per message, or <see cref="CpuResumableBody"/>,
/// a per-message body that returns instead of blocking; its thread and workgroup
/// bodies loop over <see cref="Persistent.RingKernelContext.Receive"/> themselves. The Vulkan
/// backend runs <see cref="VulkanBody"/>, the CUDA backend <see cref="CudaBody"/>.
/// </remarks>
public sealed class KernelDefinition<TArgs> : KernelDefinition
{
    private IKernelBody[] _bodies = [];

    public KernelDefinition(string name, LaunchOptions options)
        : base(name, options)
    {
    }

    /// <summary>The per-thread CPU body: a coroutine per GPU thread, yielding at barriers.</summary>
    public CpuThreadBody<TArgs>? CpuThreadBody { get; init; }

    /// <summary>The pooled per-thread CPU body: an <c>async ThreadCoroutine</c> per GPU thread, awaiting barriers; allocates nothing per dispatch.</summary>
    public CpuCoroutineBody<TArgs>? CpuCoroutineBody
    {
        get;
        init
        {
            field = value;
            CoroutineBodyStateMachine = value?.Method.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType;
        }
    }

    /// <summary>
    /// The compiler's state machine type when <see cref="CpuCoroutineBody"/> is itself an
    /// <c>async ThreadCoroutine</c> method (null for a wrapper that calls one): only then may the
    /// CPU backend restart a finished body in place, since a call would pass it the same parameters.
    /// </summary>
    internal Type? CoroutineBodyStateMachine { get; private init; }

    /// <summary>The workgroup-level CPU body: one call per workgroup.</summary>
    public CpuWorkgroupBody<TArgs>? CpuWorkgroupBody { get; init; }

    /// <summary>The per-message CPU body of a ring kernel; preferred over the other bodies when given.</summary>
    public CpuMessageBody<TArgs>? CpuMessageBody { get; init; }

    /// <summary>The per-message CPU body of a ring kernel that returns instead of blocking; preferred over every other CPU body when given.</summary>
    public CpuResumableBody<TArgs>? CpuResumableBody { get; init; }

    /// <summary>The SPIR-V body the Vulkan backend dispatches.</summary>
    public VulkanKernelBody<TArgs>? VulkanBody { get; init; }

    /// <summary>The CUDA C body the CUDA backend compiles and launches.</summary>
    public CudaKernelBody<TArgs>? CudaBody { get; init; }

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
        CpuThreadBody = CpuThreadBody,
        CpuCoroutineBody = CpuCoroutineBody,
        CpuWorkgroupBody = CpuWorkgroupBody,
        CpuMessageBody = CpuMessageBody,
        CpuResumableBody = CpuResumableBody,
        VulkanBody = VulkanBody,
        CudaBody = CudaBody,
        Signature = Signature,
    };
}
