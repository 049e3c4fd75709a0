using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using RingKernel.Cpu;

namespace RingKernel.Benchmarks.Cpu;

/// <summary>
/// BenchmarkDotNet view of <see cref="BarrierWorkload"/>: one operation is one thread passing one
/// phase (two barriers). The OS-thread baseline includes creating its 256 threads each invocation.
/// </summary>
[MemoryDiagnoser]
public class CpuBarrierBenchmarks
{
    private const int Phases = 100;
    private readonly CpuBackend _backend = new();

    [Benchmark(OperationsPerInvoke = BarrierWorkload.Threads * Phases * 100)]
    public TimeSpan CoroutineWorkgroup() => BarrierWorkload.RunCoroutines(_backend, Phases * 100);

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet runs instance methods.")]
    [Benchmark(Baseline = true, OperationsPerInvoke = BarrierWorkload.Threads * Phases)]
    public TimeSpan OsThreadsWithBarrier() => BarrierWorkload.RunOsThreads(Phases);
}
