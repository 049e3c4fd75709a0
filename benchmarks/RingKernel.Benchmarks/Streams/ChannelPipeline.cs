using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using RingKernel.Samples.StreamPipeline;
using RingKernel.Streams;

namespace RingKernel.Benchmarks.Streams;

/// <summary>
/// The baseline: the same work with <see cref="Channel{T}"/>s. A parser task reads frames from the pipe
/// (runs of whole frames straight from the pipe's memory, as the ingest does) into a bounded channel of
/// readings; a worker task updates the same <see cref="SensorStatistics"/> and writes each result into a
/// second bounded channel; a writer task frames the results into the output pipe, flushing once 64 KiB
/// are waiting and when the channel runs empty. Both channels hold <see cref="SensorStatsKernel.RingCapacity"/>
/// items, single reader and writer, full mode Wait: the rings' bounds and backpressure.
/// </summary>
/// <remarks>
/// Plain (<c>polled</c> false), each stage waits as the channels' documentation shows: it awaits
/// <c>WaitToReadAsync</c>/<c>WaitToWriteAsync</c> as soon as there is nothing to do, and the writer flushes
/// as soon as its channel is empty. Polled, the stages wait as ours do instead: the worker polls for 50 µs
/// before it parks (as an idle ring kernel does), the writer spins briefly before it flushes (as the egress
/// does), and a parser facing a full channel spins briefly before it parks (as the ingest facing a full ring).
/// </remarks>
internal sealed class ChannelPipeline(bool polled)
{
    private const int FlushBytes = 64 * 1024;

    /// <summary>Polls before a flush or a park: the egress's and the ring waits' count.</summary>
    private const int Spins = 20;

    private static readonly long WorkerPollTicks = Stopwatch.Frequency / 20_000;

    private static readonly int ReadingFrame = StreamFrameHeader.Size + Marshal.SizeOf<SensorReading>();

    public TimeSpan Run(PipelineTraffic traffic)
    {
        Pipe input = PipelineTraffic.NewPipe();
        Pipe output = PipelineTraffic.NewPipe();
        Channel<SensorReading> readings = Bounded<SensorReading>();
        Channel<SensorStats> results = Bounded<SensorStats>();
        var statistics = new SensorStatistics(PipelineTraffic.Sensors);
        long began = Stopwatch.GetTimestamp();
        Task parsing = Task.Run(() => ParseAsync(input.Reader, readings));
        Task working = Task.Run(() => UpdateAsync(readings.Reader, results, statistics));
        Task writing = Task.Run(() => WriteAsync(results.Reader, output.Writer));
        Task producing = traffic.ProduceAsync(input.Writer);
        traffic.ConsumeAndCheckAsync(output.Reader).GetAwaiter().GetResult();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(began);
        Task.WhenAll(parsing, working, writing, producing).GetAwaiter().GetResult();
        return elapsed;
    }

    private async Task ParseAsync(PipeReader reader, Channel<SensorReading> readings)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync().ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            while (TryParse(ref buffer, readings.Writer))
            {
                if (!SpinUntil(static r => r.Count < SensorStatsKernel.RingCapacity, readings.Reader))
                    await readings.Writer.WaitToWriteAsync().ConfigureAwait(false);
            }

            reader.AdvanceTo(buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
                break;
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        readings.Writer.Complete();
    }

    /// <summary>Writes the readings at the front of the buffer into the channel, consuming them; true when it stopped because the channel is full.</summary>
    private static bool TryParse(ref ReadOnlySequence<byte> buffer, ChannelWriter<SensorReading> readings)
    {
        Span<byte> split = stackalloc byte[ReadingFrame];
        while (buffer.Length >= ReadingFrame)
        {
            ReadOnlySpan<byte> span = buffer.FirstSpan;
            int consumed = 0;
            while (span.Length - consumed >= ReadingFrame)
            {
                SensorReading reading = Check(span.Slice(consumed, ReadingFrame));
                if (!readings.TryWrite(reading))
                {
                    buffer = buffer.Slice(consumed);
                    return true;
                }

                consumed += ReadingFrame;
            }

            if (consumed == 0)
            {
                // A frame across two segments.
                buffer.Slice(0, ReadingFrame).CopyTo(split);
                if (!readings.TryWrite(Check(split)))
                    return true;
                consumed = ReadingFrame;
            }

            buffer = buffer.Slice(consumed);
        }

        return false;
    }

    private static SensorReading Check(ReadOnlySpan<byte> frame)
    {
        StreamFrameHeader header = StreamFrameHeader.Read(frame);
        if (header.TypeId != SensorReading.TypeId || header.PayloadLength != ReadingFrame - StreamFrameHeader.Size)
            throw new InvalidOperationException($"Unexpected frame {header}.");
        return MemoryMarshal.Read<SensorReading>(frame[StreamFrameHeader.Size..]);
    }

    private async Task UpdateAsync(ChannelReader<SensorReading> readings, Channel<SensorStats> results, SensorStatistics statistics)
    {
        while (await readings.WaitToReadAsync().ConfigureAwait(false))
        {
            do
            {
                while (readings.TryRead(out SensorReading reading))
                {
                    SensorStats stats = statistics.Update(reading);
                    while (!results.Writer.TryWrite(stats))
                    {
                        if (!SpinUntil(static r => r.Count < SensorStatsKernel.RingCapacity, results.Reader))
                            await results.Writer.WaitToWriteAsync().ConfigureAwait(false);
                    }
                }
            }
            while (polled && PollFor(readings));
        }

        results.Writer.Complete();
    }

    private async Task WriteAsync(ChannelReader<SensorStats> results, PipeWriter writer)
    {
        int unflushed = 0;
        while (await results.WaitToReadAsync().ConfigureAwait(false))
        {
            while (results.TryRead(out SensorStats stats))
            {
                StreamFrames.WriteBytes(writer, SensorStats.TypeId, MemoryMarshal.AsBytes(new ReadOnlySpan<SensorStats>(in stats)));
                unflushed += StreamFrameHeader.Size + Marshal.SizeOf<SensorStats>();
                if (unflushed >= FlushBytes)
                {
                    unflushed = 0;
                    await writer.FlushAsync().ConfigureAwait(false);
                }
            }

            if (SpinUntil(static r => r.Count > 0, results))
                continue;
            unflushed = 0;
            await writer.FlushAsync().ConfigureAwait(false);
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Polled: spins a few times until <paramref name="ready"/>; plain: false at once.</summary>
    private bool SpinUntil<T>(Func<ChannelReader<T>, bool> ready, ChannelReader<T> reader)
    {
        var spinner = new SpinWait();
        for (int i = 0; polled && i < Spins; i++)
        {
            if (ready(reader))
                return true;
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return false;
    }

    /// <summary>Polls for a reading for 50 µs, as an idle ring kernel does before it parks.</summary>
    private static bool PollFor(ChannelReader<SensorReading> readings)
    {
        long deadline = Stopwatch.GetTimestamp() + WorkerPollTicks;
        do
        {
            if (readings.Count > 0)
                return true;
            Thread.SpinWait(1);
        }
        while (Stopwatch.GetTimestamp() < deadline);
        return false;
    }

    private static Channel<T> Bounded<T>() => Channel.CreateBounded<T>(new BoundedChannelOptions(SensorStatsKernel.RingCapacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
}
