using System.Buffers;
using System.Net;
using System.Net.Sockets;
using RingKernel.Rings;
using RingKernel.Samples.StreamPipeline;
using RingKernel.Streams;

namespace RingKernel.Tests.Streams;

/// <summary>
/// The StreamPipeline sample over TCP on 127.0.0.1: its client gets every answer from the ring kernel
/// server, in order, with each sensor's statistics equal to its own; and it refuses a server that loses one.
/// </summary>
public class StreamPipelineSampleTests
{
    [Fact]
    public async Task The_client_gets_every_answer_in_order_and_the_totals_match()
    {
        const int Readings = 50_000;
        const int Sensors = 7;
        using var server = new StreamPipelineServer(Sensors);
        var client = new StreamPipelineClient(Readings, Sensors);
        Task serving = server.ServeOneAsync();
        await client.RunAsync(server.Port);
        await serving;

        Assert.Equal(Readings, client.Answered);
        Assert.Empty(client.Mismatches());
        Assert.Equal(client.ExpectedTotals(), client.ReceivedTotals());
        Assert.Equal(Readings, client.ReceivedTotals().Count);
    }

    [Fact]
    public async Task The_client_refuses_a_server_that_loses_an_answer()
    {
        const int Readings = 1_000;
        const int Sensors = 3;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task serving = LosingServerAsync(listener, Sensors, lose: 500);
        var client = new StreamPipelineClient(Readings, Sensors);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.RunAsync(((IPEndPoint)listener.LocalEndpoint).Port));
        Assert.Contains("Answer 500 is for sensor", error.Message);
        Assert.Contains("lost or reordered", error.Message);
        await serving;
    }

    /// <summary>Answers every reading as the kernel would, except reading <paramref name="lose"/>.</summary>
    private static async Task LosingServerAsync(TcpListener listener, int sensors, long lose)
    {
        await using var transport = new SocketTransport(await listener.AcceptSocketAsync());
        var statistics = new SensorStatistics(sensors);
        MessageTypeRegistry types = SensorStatsKernel.Types();
        long index = 0;
        try
        {
            while (true)
            {
                var result = await transport.Input.ReadAsync();
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (StreamFrames.TryRead(ref buffer, out _, out ReadOnlySequence<byte> payload))
                {
                    SensorStats stats = statistics.Update(StreamFrames.Read<SensorReading>(payload));
                    if (index++ != lose)
                        StreamFrames.Write(transport.Output, types, in stats);
                }

                transport.Input.AdvanceTo(buffer.Start, buffer.End);
                await transport.Output.FlushAsync();
                if (result.IsCompleted)
                    break;
            }
        }
        catch (IOException)
        {
            // The client hung up once it found the loss.
        }
    }
}
