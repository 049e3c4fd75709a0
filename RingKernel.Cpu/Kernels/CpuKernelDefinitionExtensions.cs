using RingKernel.Kernels;

namespace RingKernel.Cpu.Kernels;

/// <summary>
/// Attaches CPU bodies to a kernel definition: each returns the definition with its
/// <see cref="CpuKernelBody{TArgs}"/> holding the body given, next to the CPU bodies it had and the
/// bodies other backends supplied.
/// </summary>
public static class CpuKernelDefinitionExtensions
{
    /// <summary>With a per-thread iterator body (<see cref="CpuKernelBody{TArgs}.Thread"/>).</summary>
    public static KernelDefinition<TArgs> WithCpuThread<TArgs>(this KernelDefinition<TArgs> definition, CpuThreadBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return With(definition, cpu => cpu with { Thread = body });
    }

    /// <summary>With a pooled per-thread <c>async ThreadCoroutine</c> body (<see cref="CpuKernelBody{TArgs}.Coroutine"/>).</summary>
    public static KernelDefinition<TArgs> WithCpuCoroutine<TArgs>(this KernelDefinition<TArgs> definition, CpuCoroutineBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return With(definition, cpu => cpu with { Coroutine = body });
    }

    /// <summary>With a workgroup-level body (<see cref="CpuKernelBody{TArgs}.Workgroup"/>).</summary>
    public static KernelDefinition<TArgs> WithCpuWorkgroup<TArgs>(this KernelDefinition<TArgs> definition, CpuWorkgroupBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return With(definition, cpu => cpu with { Workgroup = body });
    }

    /// <summary>With a per-message ring kernel body (<see cref="CpuKernelBody{TArgs}.Message"/>).</summary>
    public static KernelDefinition<TArgs> WithCpuMessage<TArgs>(this KernelDefinition<TArgs> definition, CpuMessageBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return With(definition, cpu => cpu with { Message = body });
    }

    /// <summary>With a per-message ring kernel body that returns instead of blocking (<see cref="CpuKernelBody{TArgs}.Resumable"/>).</summary>
    public static KernelDefinition<TArgs> WithCpuResumable<TArgs>(this KernelDefinition<TArgs> definition, CpuResumableBody<TArgs> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return With(definition, cpu => cpu with { Resumable = body });
    }

    private static KernelDefinition<TArgs> With<TArgs>(KernelDefinition<TArgs> definition, Func<CpuKernelBody<TArgs>, CpuKernelBody<TArgs>> change)
    {
        ArgumentNullException.ThrowIfNull(definition);
        CpuKernelBody<TArgs> cpu = definition.TryGetBody(out CpuKernelBody<TArgs>? existing) ? existing : new CpuKernelBody<TArgs>();
        return definition.WithBody(change(cpu));
    }
}
