using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;
using RingKernel.Tests.Cpu.RingKernels;

namespace RingKernel.Tests.KernelActors;

/// <summary>The kernels and options the kernel actor tests share; payloads are <see cref="Number"/>s.</summary>
public static class KernelActorKernels
{
    public static KernelActorOptions Options() => new()
    {
        Messages = new KernelMessageTypes().Add<Number>(1),
        WatchdogInterval = TimeSpan.FromSeconds(1),
        StallTimeout = TimeSpan.FromSeconds(5),
        AskTimeout = TimeSpan.FromSeconds(20),
    };

    public static LaunchOptions Launch(int capacity = 64) =>
        new(new Dim3(1), new Dim3(1)) { InputRingCapacity = capacity, OutputRingCapacity = capacity };

    /// <summary>Replies with three times the value; throws on a negative value.</summary>
    public static KernelDefinition<object?> Tripler(int capacity = 64) => new KernelDefinition<object?>("tripler", Launch(capacity))
        .WithCpuMessage(static (kernel, _) =>
        {
            long value = kernel.Get<Number>().Value;
            if (value < 0)
                throw new InvalidOperationException($"poison {value}");
            kernel.Reply(new Number(value * 3));
        });

    /// <summary>Adds each value to the total in its arguments and replies with the total; throws on a negative value.</summary>
    public static KernelDefinition<long[]> RunningSum() => new KernelDefinition<long[]>("running-sum", Launch())
        .WithCpuMessage(static (kernel, total) =>
        {
            long value = kernel.Get<Number>().Value;
            if (value < 0)
                throw new InvalidOperationException($"poison {value}");
            total[0] += value;
            kernel.Reply(new Number(total[0]));
        });

    /// <summary>Waits for the gate before every message; throws on a negative value, replies with the value otherwise.</summary>
    public static KernelDefinition<ManualResetEventSlim> Gated() => new KernelDefinition<ManualResetEventSlim>("gated", Launch())
        .WithCpuMessage(static (kernel, gate) =>
        {
            gate.Wait();
            long value = kernel.Get<Number>().Value;
            if (value < 0)
                throw new InvalidOperationException($"poison {value}");
            kernel.Reply(new Number(value));
        });

    public static KernelCheckpoint<long[]> SumCheckpoint() => new(
        total => BitConverter.GetBytes(total[0]),
        (total, bytes) => total[0] = BitConverter.ToInt64(bytes.Span));
}
