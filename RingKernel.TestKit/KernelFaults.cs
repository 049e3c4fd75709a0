using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;

namespace RingKernel.TestKit;

/// <summary>Fault injection into a kernel's CPU message body, at chosen messages.</summary>
public static class KernelFaults
{
    /// <summary>
    /// <paramref name="definition"/> with a CPU message body that throws <see cref="InjectedKernelFaultException"/>
    /// while processing each of <paramref name="messages"/> (counted from 1 over all launches of the returned
    /// definition, so a relaunched kernel goes on counting), once each, and runs the original body for every
    /// other message. The faulted message is answered with an error by a supervising kernel actor.
    /// </summary>
    /// <exception cref="ArgumentException">The definition has no CPU message body, or a message number is below 1.</exception>
    public static KernelDefinition<TArgs> At<TArgs>(KernelDefinition<TArgs> definition, params long[] messages)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(messages);
        CpuMessageBody<TArgs> body = (definition.TryGetBody(out CpuKernelBody<TArgs>? cpu) ? cpu.Message : null)
            ?? throw new ArgumentException($"Kernel '{definition.Name}' has no CPU message body to inject faults into.", nameof(definition));
        if (messages.Any(m => m < 1))
            throw new ArgumentException("Messages are counted from 1.", nameof(messages));

        var faults = new HashSet<long>(messages);
        long seen = 0;
        return new KernelDefinition<TArgs>(definition.Name, definition.Options)
            .WithCpuMessage((kernel, args) =>
            {
                long message = Interlocked.Increment(ref seen);
                if (faults.Contains(message))
                    throw new InjectedKernelFaultException(definition.Name, message);
                body(kernel, args);
            });
    }
}
