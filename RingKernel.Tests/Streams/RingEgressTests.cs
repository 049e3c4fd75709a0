using System.IO.Pipelines;
using RingKernel.Layouts;
using RingKernel.Rings;
using RingKernel.Streams;
using static RingKernel.Tests.Streams.StreamTraffic;

namespace RingKernel.Tests.Streams;

/// <summary>
/// <see cref="RingEgress"/>: every message of the ring becomes one frame, in order; a slow reader holds
/// the egress, the ring fills and its producer waits, and nothing is lost; a reader that leaves stops it.
/// </summary>
public class RingEgressTests
{
    [Fact]
    public async Task Known_traffic_leaves_as_frames_exactly_once_and_in_order()
    {
        (_, List<(uint TypeId, byte[] Payload)> frames) = Mixed(600);
        using var ring = new TestRing(1024, RingKind.SingleProducer);
        var pipe = new Pipe(new PipeOptions(useSynchronizationContext: false));
        var egress = new RingEgress(ring.Ring, pipe.Writer, flushThresholdBytes: 1000);

        foreach ((uint typeId, byte[] payload) in frames.Take(300))
            Assert.True(ring.Ring.TryEnqueueBytes(typeId, payload));
        Task run = egress.RunAsync();
        Task<List<(uint TypeId, byte[] Payload)>> reading = ReadAllFramesAsync(pipe.Reader);
        foreach ((uint typeId, byte[] payload) in frames.Skip(300))
            Assert.True(ring.Ring.TryEnqueueBytes(typeId, payload));
        egress.Complete();
        await run;

        List<(uint TypeId, byte[] Payload)> received = await reading;
        Assert.Equal(frames.Count, egress.FramesWritten);
        Assert.Equal(frames.Count, received.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].TypeId, received[i].TypeId);
            Assert.Equal(frames[i].Payload, received[i].Payload);
        }

        Assert.Equal(0, ring.Ring.Ring.Count);
    }

    [Fact]
    public async Task A_slow_reader_fills_the_ring_and_holds_its_producer_and_nothing_is_lost()
    {
        const int Capacity = 16;
        const int Total = 5000;
        using var ring = new TestRing(Capacity, RingKind.SingleProducer);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 512, resumeWriterThreshold: 256, useSynchronizationContext: false));
        var egress = new RingEgress(ring.Ring, pipe.Writer, flushThresholdBytes: 256);
        Task run = egress.RunAsync();

        // The producer counts the sends that found the ring full and had to wait.
        int waits = 0;
        var firstWait = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task producing = Task.Run(async () =>
        {
            for (int i = 0; i < Total; i++)
            {
                ValueTask send = ring.Ring.EnqueueAsync(new Tick(i));
                if (!send.IsCompleted)
                {
                    waits++;
                    firstWait.TrySetResult(egress.FramesWritten);
                }

                await send;
            }
        });

        // Nobody reads until the producer has had to wait: the ring and the pipe are full by then.
        long writtenAtFirstWait = await firstWait.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(writtenAtFirstWait < Total);

        var received = new List<long>(Total);
        while (true)
        {
            ReadResult result = await pipe.Reader.ReadAsync();
            System.Buffers.ReadOnlySequence<byte> buffer = result.Buffer;
            while (StreamFrames.TryRead(ref buffer, out StreamFrameHeader header, out System.Buffers.ReadOnlySequence<byte> payload))
            {
                Assert.Equal(StreamMessages.TickId, header.TypeId);
                received.Add(StreamFrames.Read<Tick>(payload).Value);
            }

            // Slow: take what is there, and yield before the next read.
            pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (received.Count == Total)
                break;
            await Task.Yield();
        }

        await producing;
        egress.Complete();
        await run;
        Assert.True(waits > 0);
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), received);
        Assert.Equal(Total, egress.FramesWritten);
    }

    [Fact]
    public async Task A_corrupt_message_in_the_ring_ends_the_egress_after_the_messages_before_it()
    {
        using var ring = new TestRing(8, RingKind.SingleProducer);
        for (int i = 0; i < 5; i++)
            Assert.True(ring.Ring.TryEnqueue(new Tick(i)));
        ring.Slot(2)[MessageHeader.Size] ^= 0xFF;
        var pipe = new Pipe(new PipeOptions(useSynchronizationContext: false));
        var egress = new RingEgress(ring.Ring, pipe.Writer);

        var error = await Assert.ThrowsAsync<MessageChecksumException>(() => egress.RunAsync());
        Assert.Equal(2UL, error.Position);
        Assert.Equal(2, egress.FramesWritten);
        Assert.Equal([3L, 4], ring.DrainAll().Select(m => BitConverter.ToInt64(m.Payload)));
        Assert.Same(error, await Assert.ThrowsAsync<MessageChecksumException>(() => pipe.Reader.ReadAsync().AsTask()));
    }

    [Fact]
    public async Task A_reader_that_completes_ends_the_egress_and_what_it_did_not_take_stays_in_the_ring()
    {
        const int Total = 1000;
        using var ring = new TestRing(1024, RingKind.SingleProducer);
        for (int i = 0; i < Total; i++)
            Assert.True(ring.Ring.TryEnqueue(new Tick(i)));
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64, resumeWriterThreshold: 32, useSynchronizationContext: false));
        var egress = new RingEgress(ring.Ring, pipe.Writer, flushThresholdBytes: 64);
        Task run = egress.RunAsync();

        // The egress is held at its first flush (one batch is far over the pipe's threshold, and nothing reads).
        await WaitUntilAsync(() => egress.FramesWritten > 0, "the egress has written");
        await pipe.Reader.CompleteAsync();
        await run;

        long written = egress.FramesWritten;
        Assert.True(written < Total);
        Assert.Equal(Total - written, ring.Ring.Ring.Count);
        Assert.Equal(written, ring.DrainAll().Select(m => BitConverter.ToInt64(m.Payload)).First());
    }
}
