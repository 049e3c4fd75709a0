using System.Diagnostics;
using System.IO.Pipelines;
using RingKernel.Cpu;
using RingKernel.Kernels.Persistent;
using RingKernel.Samples.StreamPipeline;
using RingKernel.Streams;

namespace RingKernel.Benchmarks.Streams;

/// <summary>
/// Ours: pipe → <see cref="RingIngest"/> → the input ring → the sample's <see cref="SensorStatsKernel"/>
/// on the CPU backend → the output ring → <see cref="RingEgress"/> → pipe, as
/// <see cref="RingKernelStreams.ServeAsync"/> wires them; rings of <see cref="SensorStatsKernel.RingCapacity"/> slots.
/// </summary>
internal static class RingKernelPipeline
{
    /// <summary>Runs the traffic through a freshly launched kernel; returns the time from the first byte in to the last answer checked.</summary>
    public static TimeSpan Run(CpuBackend backend, PipelineTraffic traffic, bool checksummed)
    {
        using RingKernelMemory memory = RingKernelMemory.Allocate(backend.MemorySpace, SensorStatsKernel.Definition().Options, SensorStatsKernel.Types(), checksummed);
        IRingKernel kernel = backend.CreateRingKernel(SensorStatsKernel.Definition(), new SensorStatistics(PipelineTraffic.Sensors), memory);
        try
        {
            kernel.Launch();
            kernel.ActivateAsync().GetAwaiter().GetResult();
            Pipe input = PipelineTraffic.NewPipe();
            Pipe output = PipelineTraffic.NewPipe();
            long began = Stopwatch.GetTimestamp();
            Task serving = kernel.ServeAsync(new DuplexPipe(input.Reader, output.Writer));
            Task producing = traffic.ProduceAsync(input.Writer);
            traffic.ConsumeAndCheckAsync(output.Reader).GetAwaiter().GetResult();
            TimeSpan elapsed = Stopwatch.GetElapsedTime(began);
            Task.WhenAll(serving, producing).GetAwaiter().GetResult();
            return elapsed;
        }
        finally
        {
            kernel.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
