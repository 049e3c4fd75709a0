using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Tests.Cpu.RingKernels;

namespace RingKernel.Tests.Hosting;

/// <summary>The kernels the hosting tests run, and their registry keys.</summary>
public static class HostingKernels
{
    /// <summary>A value the kernels fault on.</summary>
    public const long Poison = -1;

    public static KernelActorOptions Options => new() { Messages = new KernelMessageTypes().Add<Number>(1) };

    /// <summary>Answers a <see cref="Number"/> with <paramref name="factor"/> times it; faults on a negative one.</summary>
    public static KernelDefinition<object?> Multiplier(string name, long factor) =>
        new KernelDefinition<object?>(name, new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = 64, OutputRingCapacity = 64 })
            .WithCpuMessage((kernel, _) =>
            {
                long value = kernel.Get<Number>().Value;
                if (value < 0)
                    throw new InvalidOperationException($"poison {value}");
                kernel.Reply(new Number(value * factor));
            });

    /// <summary>The registry key of the kernel actor that triples.</summary>
    public sealed class Tripler;

    /// <summary>The registry key of the kernel actor that doubles.</summary>
    public sealed class Doubler;
}
