using System.Diagnostics;
using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Kernels.Actors;

namespace RingKernel.Benchmarks.Compare.KernelActors;

/// <summary>The CPU ring kernels the kernel-actors benchmarks drive, and the options of their actors.</summary>
internal static class BenchmarkKernels
{
    /// <summary>
    /// Replies with the sample it received; on <see cref="Sample.Poison"/> stamps the clock and throws
    /// instead. A per-message body: each launch runs on a thread of its own.
    /// </summary>
    public static KernelDefinition<FaultClock> Echo(int ringCapacity) => new KernelDefinition<FaultClock>("echo", Options(ringCapacity))
        .WithCpuMessage(static (kernel, clock) => kernel.Reply(EchoOf(kernel, clock)));

    /// <summary>
    /// <see cref="Echo"/> with a resumable body, which <see cref="RingKernel.Cpu.CpuBackend"/> runs as a coroutine on
    /// its shared workers: a launch starts no thread.
    /// </summary>
    public static KernelDefinition<FaultClock> CooperativeEcho(int ringCapacity) => new KernelDefinition<FaultClock>("echo", Options(ringCapacity))
        .WithCpuResumable(static (kernel, clock) =>
        {
            kernel.Reply(EchoOf(kernel, clock));
            return true;
        });

    /// <summary>Adds every sample to the tally and replies nothing.</summary>
    public static KernelDefinition<Tally> Counter(int ringCapacity) => new KernelDefinition<Tally>("counter", Options(ringCapacity))
        .WithCpuMessage(static (kernel, tally) => tally.Add(kernel.Get<Sample>().Value));

    /// <summary>Kernel actor options carrying <see cref="Sample"/>; the rest are the defaults (checksummed slots included).</summary>
    public static KernelActorOptions ActorOptions() => new() { Messages = new KernelMessageTypes().Add<Sample>(Sample.TypeId) };

    private static Sample EchoOf(RingKernelContext kernel, FaultClock clock)
    {
        Sample sample = kernel.Get<Sample>();
        if (sample.Value != Sample.Poison)
            return sample;
        clock.Thrown(Stopwatch.GetTimestamp());
        throw new InvalidOperationException("poison sample");
    }

    private static LaunchOptions Options(int ringCapacity) =>
        new(new Dim3(1), new Dim3(1)) { InputRingCapacity = ringCapacity, OutputRingCapacity = ringCapacity };
}
