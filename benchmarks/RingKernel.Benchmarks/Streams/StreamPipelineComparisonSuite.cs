using RingKernel.Benchmarks.Compare;
using RingKernel.Cpu;

namespace RingKernel.Benchmarks.Streams;

/// <summary>
/// <c>compare stream-pipeline</c>: sensor readings through pipe → ring → CPU ring kernel → ring → pipe
/// (the StreamPipeline sample's kernel and bridges, in memory instead of over TCP) against the same work
/// through a <see cref="System.Threading.Channels.Channel{T}"/> pipeline (<see cref="ChannelPipeline"/>),
/// in millions of readings answered per second. Every answer is checked on both sides. The sides
/// alternate for several rounds after a warm-up each, and each reports its best round: on a shared
/// machine the best is the least disturbed.
/// </summary>
/// <remarks>
/// Lines: <c>stream-pipeline</c>, ours as a kernel gets its rings by default (CRC-32C on every message)
/// against channel stages that wait as the channels' documentation shows; <c>stream-pipeline-polled</c>,
/// the same against channel stages given our waiting (poll, then park; spin before a flush), which
/// isolates the queues from the waiting; <c>stream-pipeline-nocrc-polled</c>, ours without checksums
/// against the polled channels.
/// </remarks>
public sealed class StreamPipelineComparisonSuite : IComparisonSuite
{
    private const string Unit = "Mmsg/s";

    public string Name => "stream-pipeline";

    public IEnumerable<Comparison> Run(bool quick)
    {
        int rounds = quick ? 3 : 7;
        var traffic = new PipelineTraffic(quick ? 1_000_000 : 2_000_000);
        var backend = new CpuBackend();
        var plain = new ChannelPipeline(polled: false);
        var polled = new ChannelPipeline(polled: true);

        var warmUp = new PipelineTraffic(100_000);
        RingKernelPipeline.Run(backend, warmUp, checksummed: true);
        RingKernelPipeline.Run(backend, warmUp, checksummed: false);
        plain.Run(warmUp);
        polled.Run(warmUp);

        double ours = 0, oursNoCrc = 0, plainBaseline = 0, polledBaseline = 0;
        for (int round = 0; round < rounds; round++)
        {
            ours = Math.Max(ours, Rate(traffic, RingKernelPipeline.Run(backend, traffic, checksummed: true)));
            plainBaseline = Math.Max(plainBaseline, Rate(traffic, plain.Run(traffic)));
            oursNoCrc = Math.Max(oursNoCrc, Rate(traffic, RingKernelPipeline.Run(backend, traffic, checksummed: false)));
            polledBaseline = Math.Max(polledBaseline, Rate(traffic, polled.Run(traffic)));
        }

        yield return new Comparison("stream-pipeline", ours, plainBaseline, Unit, Better.Higher);
        yield return new Comparison("stream-pipeline-polled", ours, polledBaseline, Unit, Better.Higher);
        yield return new Comparison("stream-pipeline-nocrc-polled", oursNoCrc, polledBaseline, Unit, Better.Higher);
    }

    private static double Rate(PipelineTraffic traffic, TimeSpan elapsed) => traffic.Count / elapsed.TotalSeconds / 1e6;
}
