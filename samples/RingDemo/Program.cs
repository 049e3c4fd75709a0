using System.Diagnostics;
using RingKernel.Clocks;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

// Two producer threads stamp readings with one shared hybrid logical clock and push them into a
// lock-free multi-producer ring in pinned memory; one consumer checks that every reading arrives
// exactly once, in per-producer order, with strictly increasing timestamps per producer.
const int Producers = 2;
const int PerProducer = 2_000_000;
const int Capacity = 4096;

var clock = new HybridLogicalClock(nodeId: 1);
int slotSize = MessageHeader.Size + 16;
using DeviceBuffer buffer = HostMemorySpace.Instance.Allocate(SlotRing.RequiredBytes(RingKind.MultiProducer, Capacity, slotSize));
var types = new MessageTypeRegistry(maxPayloadSize: 16);
types.Register<Reading>(1);
var ring = new MessageRing(MpscRing.Create(buffer, Capacity, slotSize), types);

Console.WriteLine($"RingKernel demo: {Producers} producers x {PerProducer:N0} messages through an MPSC ring of {Capacity} slots ({slotSize} B each, CRC-32C on)");
var watch = Stopwatch.StartNew();
Task[] producers = Enumerable.Range(0, Producers).Select(p => Task.Factory.StartNew(
    async () =>
    {
        for (long i = 0; i < PerProducer; i++)
        {
            var header = new MessageHeader { SourceId = (uint)p, Timestamp = clock.Now().Packed, TimestampNode = clock.NodeId };
            await ring.EnqueueAsync(new Reading(p, i), header).ConfigureAwait(false);
        }
    },
    TaskCreationOptions.LongRunning).Unwrap()).ToArray();

var next = new long[Producers];
var lastStamp = new ulong[Producers];
long received = 0;
while (received < (long)Producers * PerProducer)
{
    if (!ring.TryDequeue(out Reading reading, out MessageHeader header))
    {
        await ring.WaitToReadAsync().ConfigureAwait(false);
        continue;
    }

    if (reading.Sequence != next[reading.Producer] || header.Timestamp <= lastStamp[reading.Producer])
        throw new InvalidOperationException($"Out of order: producer {reading.Producer} sent {reading.Sequence}, expected {next[reading.Producer]}.");
    next[reading.Producer]++;
    lastStamp[reading.Producer] = header.Timestamp;
    received++;
}

await Task.WhenAll(producers).ConfigureAwait(false);
watch.Stop();
Console.WriteLine($"received {received:N0} messages exactly once and in order in {watch.Elapsed.TotalMilliseconds:N0} ms ({received / watch.Elapsed.TotalSeconds / 1e6:N1} M msg/s)");
Console.WriteLine($"last timestamp {new HlcTimestamp(lastStamp.Max(), clock.NodeId)} = {new HlcTimestamp(lastStamp.Max(), clock.NodeId).PhysicalTime:O}; rejected {ring.RejectedCount}");

internal readonly record struct Reading(int Producer, long Sequence);
