using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;

namespace ActorHosting;

/// <summary>The tripler kernel actor's key in the actor registry, with its kernel: it answers a number with three times it.</summary>
public sealed class Tripler
{
    private Tripler()
    {
    }

    /// <summary>A ring kernel on the CPU backend; a negative number makes it fault, as a bug on a GPU would.</summary>
    public static KernelDefinition<object?> Definition { get; } =
        new KernelDefinition<object?>("tripler", new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = 64, OutputRingCapacity = 64 })
            .WithCpuMessage(static (kernel, _) =>
            {
                long value = kernel.Get<Number>().Value;
                if (value < 0)
                    throw new InvalidOperationException($"it cannot triple {value}");
                kernel.Reply(new Number(value * 3));
            });

    public static KernelActorOptions Options { get; } = new() { Messages = new KernelMessageTypes().Add<Number>(1) };
}
