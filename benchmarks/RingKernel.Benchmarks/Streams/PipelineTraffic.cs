using System.Buffers;
using System.IO.Pipelines;
using RingKernel.Rings;
using RingKernel.Samples.StreamPipeline;
using RingKernel.Streams;

namespace RingKernel.Benchmarks.Streams;

/// <summary>
/// The two ends both pipelines are timed between: a producer that writes <see cref="Count"/> reading
/// frames (built once) into the input pipe, 64 KiB per flush, and a consumer that reads the statistics
/// frames from the output pipe, checks each (the i-th answers the i-th reading: its sensor, that
/// sensor's count) and, at the end, every sensor's last statistics against a replica.
/// </summary>
internal sealed class PipelineTraffic
{
    public const int Sensors = 1_000;

    private const int ChunkBytes = 64 * 1024;

    private readonly byte[] _input;
    private readonly SensorStatistics _expected = new(Sensors);

    public PipelineTraffic(int count)
    {
        Count = count;
        MessageTypeRegistry types = SensorStatsKernel.Types();
        var input = new ArrayBufferWriter<byte>(count * (StreamFrameHeader.Size + 16));
        for (long i = 0; i < count; i++)
        {
            SensorReading reading = SensorReading.At(i, Sensors);
            _expected.Update(reading);
            StreamFrames.Write(input, types, in reading);
        }

        _input = input.WrittenSpan.ToArray();
    }

    public int Count { get; }

    /// <summary>Pipes as both pipelines get them: the default thresholds, continuations on the thread pool.</summary>
    public static Pipe NewPipe() => new(new PipeOptions(useSynchronizationContext: false));

    public async Task ProduceAsync(PipeWriter writer)
    {
        for (int offset = 0; offset < _input.Length; offset += ChunkBytes)
        {
            writer.Write(_input.AsSpan(offset, Math.Min(ChunkBytes, _input.Length - offset)));
            await writer.FlushAsync().ConfigureAwait(false);
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Reads and checks every answer until the writer completes.</summary>
    /// <exception cref="InvalidOperationException">An answer is missing, out of order, extra or wrong.</exception>
    public async Task ConsumeAndCheckAsync(PipeReader reader)
    {
        var last = new SensorStats[Sensors];
        long answered = 0;
        while (true)
        {
            ReadResult result = await reader.ReadAsync().ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            while (StreamFrames.TryRead(ref buffer, out StreamFrameHeader header, out ReadOnlySequence<byte> payload))
            {
                SensorStats stats = header.TypeId == SensorStats.TypeId
                    ? StreamFrames.Read<SensorStats>(payload)
                    : throw new InvalidOperationException($"Answer {answered} has type id {header.TypeId}.");
                if (stats.SensorId != answered % Sensors || stats.Count != (answered / Sensors) + 1)
                    throw new InvalidOperationException($"Answer {answered} is sensor {stats.SensorId}'s reading {stats.Count}: lost or reordered.");
                last[stats.SensorId] = stats;
                answered++;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
                break;
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        if (answered != Count)
            throw new InvalidOperationException($"{answered} answers came back for {Count} readings.");
        for (int s = 0; s < Sensors; s++)
        {
            if (last[s] != _expected[s])
                throw new InvalidOperationException($"Sensor {s} ended at {last[s]}; {_expected[s]} was expected.");
        }
    }
}
