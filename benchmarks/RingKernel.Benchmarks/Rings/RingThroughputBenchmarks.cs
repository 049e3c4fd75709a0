using BenchmarkDotNet.Attributes;
using RingKernel.Layouts;

namespace RingKernel.Benchmarks.Rings;

/// <summary>
/// BenchmarkDotNet view of the <c>compare rings</c> workloads: one producer thread and one consumer thread
/// move <see cref="Messages"/> messages per invocation; results are per message. The channel is the baseline.
/// Run with <c>dotnet run -c Release --project benchmarks/RingKernel.Benchmarks -- --filter *RingThroughput*</c>.
/// </summary>
[MemoryDiagnoser]
public class RingThroughputBenchmarks
{
    private const int Messages = 1_000_000;

    [Params(RingKind.SingleProducer, RingKind.MultiProducer)]
    public RingKind Kind { get; set; }

    [Params(8, 64)]
    public int PayloadBytes { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public TimeSpan Channel() =>
        PayloadBytes == 8
            ? RingWorkloads.Channel<Payload8>(Kind == RingKind.SingleProducer, Messages)
            : RingWorkloads.Channel<Payload64>(Kind == RingKind.SingleProducer, Messages);

    [Benchmark(OperationsPerInvoke = Messages)]
    public TimeSpan RawRing() =>
        PayloadBytes == 8 ? RingWorkloads.RawRing<Payload8>(Kind, Messages) : RingWorkloads.RawRing<Payload64>(Kind, Messages);

    [Benchmark(OperationsPerInvoke = Messages)]
    public TimeSpan RawRingBatch() =>
        PayloadBytes == 8 ? RingWorkloads.RawRingBatch<Payload8>(Kind, Messages) : RingWorkloads.RawRingBatch<Payload64>(Kind, Messages);

    [Benchmark(OperationsPerInvoke = Messages)]
    public TimeSpan MessageRing() =>
        PayloadBytes == 8
            ? RingWorkloads.MessageRing<Payload8>(Kind, Messages, checksummed: true)
            : RingWorkloads.MessageRing<Payload64>(Kind, Messages, checksummed: true);

    [Benchmark(OperationsPerInvoke = Messages)]
    public TimeSpan MessageRingNoChecksum() =>
        PayloadBytes == 8
            ? RingWorkloads.MessageRing<Payload8>(Kind, Messages, checksummed: false)
            : RingWorkloads.MessageRing<Payload64>(Kind, Messages, checksummed: false);
}
