using System.Reflection;
using System.Runtime.CompilerServices;
using RingKernel.Kernels;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// The CPU body of a kernel: the CPU backend's kinds of body for it, any of which may be given
/// (attach them with <see cref="CpuKernelDefinitionExtensions"/>). One-shot dispatches run
/// <see cref="Workgroup"/> when it is given (the fast path), else <see cref="Coroutine"/> (per
/// thread, pooled), else <see cref="Thread"/> (per thread, an iterator allocated per thread per
/// workgroup). A ring kernel (options with rings) runs <see cref="Resumable"/> when it is given,
/// else <see cref="Message"/>, both called per message; else its thread or workgroup body, which
/// loops over <see cref="RingKernelContext.Receive"/> itself.
/// </summary>
public sealed record CpuKernelBody<TArgs> : IKernelBody
{
    /// <summary>The per-thread body: a coroutine per GPU thread, yielding at barriers.</summary>
    public CpuThreadBody<TArgs>? Thread { get; init; }

    /// <summary>The pooled per-thread body: an <c>async ThreadCoroutine</c> per GPU thread, awaiting barriers; allocates nothing per dispatch.</summary>
    public CpuCoroutineBody<TArgs>? Coroutine
    {
        get;
        init
        {
            field = value;
            CoroutineStateMachine = value?.Method.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType;
        }
    }

    /// <summary>The workgroup-level body: one call per workgroup.</summary>
    public CpuWorkgroupBody<TArgs>? Workgroup { get; init; }

    /// <summary>The per-message body of a ring kernel; preferred over the thread and workgroup bodies when given.</summary>
    public CpuMessageBody<TArgs>? Message { get; init; }

    /// <summary>The per-message body of a ring kernel that returns instead of blocking; preferred over every other body when given.</summary>
    public CpuResumableBody<TArgs>? Resumable { get; init; }

    /// <summary>
    /// The compiler's state machine type when <see cref="Coroutine"/> is itself an <c>async
    /// ThreadCoroutine</c> method (null for a wrapper that calls one): only then may the backend
    /// restart a finished body in place, since a call would pass it the same parameters.
    /// </summary>
    internal Type? CoroutineStateMachine { get; private init; }

    /// <summary>True when a one-shot dispatch (or a ring kernel looping itself) has a body to run: thread, coroutine or workgroup.</summary>
    internal bool HasThreadOrWorkgroupBody => Thread is not null || Coroutine is not null || Workgroup is not null;
}
