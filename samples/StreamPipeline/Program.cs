using System.Diagnostics;
using System.Globalization;
using RingKernel.Samples.StreamPipeline;
using RingKernel.Streams;

// A client streams sensor readings over TCP on 127.0.0.1; the server puts them, frame by frame, into a
// CPU ring kernel's input ring (System.IO.Pipelines → RingIngest), the kernel keeps rolling statistics
// per sensor and sends each reading's updated statistics to its output ring, and the server streams
// those back (RingEgress → the socket). The client checks every answer and, at the end, the totals.
long readings = 10_000_000;
int sensors = 1_000;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--readings" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0:
            readings = n;
            i++;
            break;
        case "--sensors" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s > 0:
            sensors = s;
            i++;
            break;
        case "--help" or "-h":
            Console.WriteLine("usage: StreamPipeline [--readings N (10000000)] [--sensors N (1000)]");
            return 0;
        default:
            Console.Error.WriteLine($"StreamPipeline: unknown or invalid argument '{args[i]}'; --help lists the options.");
            return 2;
    }
}

using var server = new StreamPipelineServer(sensors);
var client = new StreamPipelineClient(readings, sensors);
Console.WriteLine($"StreamPipeline: {readings:N0} readings of {sensors:N0} sensors, client -> TCP 127.0.0.1:{server.Port} -> ring kernel 'sensor-stats' (CPU) -> TCP -> client");

var watch = Stopwatch.StartNew();
Task serving = server.ServeOneAsync();
Task running = client.RunAsync(server.Port);
Task both = Task.WhenAll(serving, running);
while (await Task.WhenAny(both, Task.Delay(1000)) != both)
    Console.WriteLine($"  {watch.Elapsed.TotalSeconds,5:0.0} s: sent {client.Sent,12:N0}, answered {client.Answered,12:N0} ({client.Answered / watch.Elapsed.TotalSeconds / 1e6:0.00} M/s so far)");

try
{
    await both;
}
catch (Exception e) when (e is InvalidDataException or StreamFrameException or IOException)
{
    Console.Error.WriteLine($"StreamPipeline: FAILED: {e.Message}");
    return 1;
}

watch.Stop();
double seconds = watch.Elapsed.TotalSeconds;
(long bytesSent, long bytesReceived) = client.Bytes;
Console.WriteLine($"done in {seconds:0.00} s: {readings / seconds / 1e6:0.00} M readings/s answered end to end ({bytesSent / seconds / 1e6:0} MB/s in, {bytesReceived / seconds / 1e6:0} MB/s out)");

(long expectedCount, double expectedSum) = client.ExpectedTotals();
(long receivedCount, double receivedSum) = client.ReceivedTotals();
Console.WriteLine($"totals: {receivedCount:N0} readings summing to {receivedSum:R} (expected {expectedCount:N0} summing to {expectedSum:R})");
var mismatches = client.Mismatches().ToList();
if (mismatches.Count > 0 || receivedCount != readings || expectedCount != readings)
{
    foreach ((SensorStats got, SensorStats expected) in mismatches.Take(5))
        Console.Error.WriteLine($"StreamPipeline: MISMATCH sensor {expected.SensorId}: got {got}, expected {expected}");
    Console.Error.WriteLine($"StreamPipeline: FAILED: {mismatches.Count} of {sensors} sensors' statistics differ from the client's own.");
    return 1;
}

Console.WriteLine($"every answer in order, and all {sensors:N0} sensors' count, sum, min, max and moving average equal the client's own");
return 0;
