using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.KernelActors.KernelActorKernels;

namespace RingKernel.Tests.Telemetry;

/// <summary>Kernels for the telemetry tests, each under a name of its own so that parallel tests' measurements stay apart.</summary>
internal static class TelemetryKernels
{
    public static string UniqueName(string kind) => $"{kind}-{Guid.NewGuid():N}";

    /// <summary>Replies with three times the value; throws on a negative value.</summary>
    public static KernelDefinition<object?> Tripler(string name) => new KernelDefinition<object?>(name, Launch())
        .WithCpuMessage(static (kernel, _) =>
        {
            long value = kernel.Get<Number>().Value;
            if (value < 0)
                throw new InvalidOperationException($"poison {value}");
            kernel.Reply(new Number(value * 3));
        });

    /// <summary>Signals <see cref="Gate.Entered"/> on every message, then waits for <see cref="Gate.Open"/> before replying with the value.</summary>
    public static KernelDefinition<Gate> Gated(string name) => new KernelDefinition<Gate>(name, Launch())
        .WithCpuMessage(static (kernel, gate) =>
        {
            gate.Entered.Set();
            gate.Open.Wait();
            kernel.Reply(kernel.Get<Number>());
        });

    /// <summary>What a <see cref="Gated"/> kernel signals and waits on.</summary>
    public sealed class Gate : IDisposable
    {
        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Open { get; } = new();

        public void Dispose()
        {
            Entered.Dispose();
            Open.Dispose();
        }
    }
}
