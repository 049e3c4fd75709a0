using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using RingKernel.Rings;
using RingKernel.Streams;

namespace RingKernel.Samples.StreamPipeline;

/// <summary>
/// Streams readings to the server and reads its statistics back at the same time, checking each answer
/// as it comes (the i-th answer is for the i-th reading: its sensor and that sensor's count) and, at the
/// end, every sensor's last statistics against its own replica fed with the same readings.
/// </summary>
public sealed class StreamPipelineClient(long readings, int sensors)
{
    private readonly SensorStatistics _expected = new(sensors);
    private readonly SensorStats[] _last = new SensorStats[sensors];
    private long _sent;
    private long _answered;

    public long Readings => readings;

    public long Sent => Volatile.Read(ref _sent);

    public long Answered => Volatile.Read(ref _answered);

    /// <summary>Bytes sent and received: each reading and each answer is one frame.</summary>
    public (long Sent, long Received) Bytes =>
        (Sent * (StreamFrameHeader.Size + 16), Answered * (StreamFrameHeader.Size + 48));

    public async Task RunAsync(int port, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
        await using var transport = new SocketTransport(socket);
        Task sending = SendAsync(transport, cancellationToken);
        try
        {
            await ReceiveAsync(transport.Input, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A client that stops reading would hold the server, and so its own sending, for ever: hang up.
            await transport.DisposeAsync().ConfigureAwait(false);
            await sending.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        await sending.ConfigureAwait(false);
    }

    /// <summary>Sensors whose last statistics differ from the replica's, as (received, expected).</summary>
    public IEnumerable<(SensorStats Received, SensorStats Expected)> Mismatches() =>
        Enumerable.Range(0, sensors).Where(s => _last[s] != _expected[s]).Select(s => (_last[s], _expected[s]));

    /// <summary>The replica's totals over every sensor: readings and the sum of their values.</summary>
    public (long Count, double Sum) ExpectedTotals() => Totals(Enumerable.Range(0, sensors).Select(s => _expected[s]));

    /// <summary>The same totals from the server's last answer for each sensor.</summary>
    public (long Count, double Sum) ReceivedTotals() => Totals(_last);

    private static (long Count, double Sum) Totals(IEnumerable<SensorStats> stats)
    {
        long count = 0;
        double sum = 0;
        foreach (SensorStats s in stats)
        {
            count += s.Count;
            sum += s.Sum;
        }

        return (count, sum);
    }

    private async Task SendAsync(SocketTransport transport, CancellationToken cancellationToken)
    {
        MessageTypeRegistry types = SensorStatsKernel.Types();
        PipeWriter writer = transport.Output;
        int unflushed = 0;
        for (long i = 0; i < readings; i++)
        {
            SensorReading reading = SensorReading.At(i, sensors);
            _expected.Update(reading);
            StreamFrames.Write(writer, types, in reading);
            unflushed += StreamFrameHeader.Size + 16;
            if (unflushed >= SocketTransport.BufferBytes)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _sent, i + 1);
                unflushed = 0;
            }
        }

        await writer.CompleteAsync().ConfigureAwait(false);
        Volatile.Write(ref _sent, readings);

        // The end of the readings, with the connection still open for the answers.
        transport.Socket.Shutdown(SocketShutdown.Send);
    }

    private async Task ReceiveAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        long answered = 0;
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            while (StreamFrames.TryRead(ref buffer, out StreamFrameHeader header, out ReadOnlySequence<byte> payload))
            {
                if (header.TypeId != SensorStats.TypeId)
                    throw new InvalidDataException($"Answer {answered} has type id {header.TypeId}, not the statistics' {SensorStats.TypeId}.");
                SensorStats stats = StreamFrames.Read<SensorStats>(payload);
                long sensor = answered % sensors;
                long count = (answered / sensors) + 1;
                if (stats.SensorId != sensor || stats.Count != count)
                    throw new InvalidDataException($"Answer {answered} is for sensor {stats.SensorId}'s reading {stats.Count}; reading {count} of sensor {sensor} was expected (lost or reordered).");
                _last[sensor] = stats;
                answered++;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            Volatile.Write(ref _answered, answered);
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                    throw new InvalidDataException($"The answers end inside a frame ({buffer.Length} bytes left over).");
                break;
            }
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        if (answered != readings)
            throw new InvalidDataException($"The server answered {answered} readings of {readings}.");
    }
}
