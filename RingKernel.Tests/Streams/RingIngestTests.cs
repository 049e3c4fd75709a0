using System.Buffers;
using System.IO.Pipelines;
using MessagePack;
using MessagePack.Resolvers;
using RingKernel.Layouts;
using RingKernel.Streams;
using static RingKernel.Tests.Streams.StreamMessages;
using static RingKernel.Tests.Streams.StreamTraffic;

namespace RingKernel.Tests.Streams;

/// <summary>
/// <see cref="RingIngest"/>: frames from a pipe land in the ring exactly once and in order, however the
/// pipe cuts them; a full ring stops the reading and the writer behind it; host messages arrive as
/// MessagePack, in stream order; every malformed frame is reported with its offset and ends the stream.
/// </summary>
public class RingIngestTests
{
    [Theory]
    [InlineData(4096, 4096)] // whole runs of frames in one segment: written with one claim each
    [InlineData(7, 4096)] // a read ends inside most frames
    [InlineData(1000, 64)] // small segments: many frames straddle two
    public async Task Known_traffic_arrives_in_the_ring_exactly_once_and_in_order(int chunk, int segmentSize)
    {
        (byte[] stream, List<(uint TypeId, byte[] Payload)> frames) = Mixed(600);
        using var ring = new TestRing(1024);
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: segmentSize, useSynchronizationContext: false));
        var ingest = new RingIngest(pipe.Reader, ring.Ring);

        Task run = ingest.RunAsync();
        await WriteInChunksAsync(pipe.Writer, stream, chunk);
        await run;

        Assert.Equal(frames.Count, ingest.FramesWritten);
        Assert.Equal(stream.Length, ingest.BytesConsumed);
        List<(uint TypeId, byte[] Payload)> received = ring.DrainAll();
        Assert.Equal(frames.Count, received.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].TypeId, received[i].TypeId);
            Assert.Equal(frames[i].Payload, received[i].Payload);
        }

        Assert.Equal(0, ring.Ring.RejectedCount);
    }

    [Fact]
    public async Task A_full_ring_stops_the_reader_and_the_writer_behind_it_and_nothing_is_lost()
    {
        const int Capacity = 8;
        const int Total = 1000;
        const int FrameBytes = StreamFrameHeader.Size + sizeof(long);
        byte[] stream = Ticks(Total);
        using var ring = new TestRing(Capacity);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 256, resumeWriterThreshold: 64, useSynchronizationContext: false));
        var ingest = new RingIngest(pipe.Reader, ring.Ring);
        Task run = ingest.RunAsync();

        // Write frame by frame until the pipe holds the writer back.
        int written = 0;
        ValueTask<FlushResult> flush = default;
        while (written < Total)
        {
            pipe.Writer.Write(stream.AsSpan(written * FrameBytes, FrameBytes));
            written++;
            flush = pipe.Writer.FlushAsync();
            if (!flush.IsCompleted)
                break;
        }

        Assert.True(written < Total, "The pipe never held the writer back.");
        await WaitUntilAsync(() => ring.Ring.Ring.Count == Capacity, "the ingest has filled the ring");

        // The ring is full and nobody consumes: the ingest has taken exactly what the ring holds and
        // reads no further, so the pipe stays over its threshold and the writer stays held.
        Assert.Equal(Capacity, ingest.FramesWritten);
        Assert.Equal(Capacity * FrameBytes, ingest.BytesConsumed);
        Assert.False(flush.IsCompleted);

        Task writing = Task.Run(async () =>
        {
            await flush;
            await WriteInChunksAsync(pipe.Writer, stream.AsMemory(written * FrameBytes), FrameBytes);
        });
        var received = new List<long>(Total);
        while (received.Count < Total)
        {
            await ring.Ring.WaitToReadAsync();
            while (ring.Ring.TryDequeue(out Tick tick, out _))
                received.Add(tick.Value);
        }

        await writing;
        await run;
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), received);
    }

    [Fact]
    public async Task A_cancelled_ingest_keeps_what_it_wrote_and_completes_the_reader()
    {
        const int Capacity = 4;
        using var ring = new TestRing(Capacity);
        var pipe = new Pipe();
        var ingest = new RingIngest(pipe.Reader, ring.Ring);
        using var cancel = new CancellationTokenSource();
        Task run = ingest.RunAsync(cancel.Token);
        pipe.Writer.Write(Ticks(10));
        await pipe.Writer.FlushAsync();
        await WaitUntilAsync(() => ring.Ring.Ring.Count == Capacity, "the ingest has filled the ring");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(Capacity, ingest.FramesWritten);
        Assert.Equal([0L, 1, 2, 3], ring.DrainAll().Select(m => BitConverter.ToInt64(m.Payload)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipe.Writer.FlushAsync().AsTask());
    }

    [Fact]
    public async Task Host_messages_arrive_as_MessagePack_in_stream_order_with_the_ring_frames()
    {
        MessagePackSerializerOptions options = MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);
        using var ring = new TestRing(64);
        var delivered = new List<(string Text, int[] Values, int RingCountThen)>();
        var host = new HostMessageTypes(options).Add<Note>(NoteId, (note, _) =>
        {
            delivered.Add((note.Text, note.Values, ring.Ring.Ring.Count));
            return ValueTask.CompletedTask;
        });
        var stream = new ArrayBufferWriter<byte>();
        var types = StreamMessages.Types();
        StreamFrames.Write(stream, types, new Tick(1));
        host.WriteFrame(stream, new Note { Text = "first", Values = [1] });
        StreamFrames.Write(stream, types, new Tick(2));
        StreamFrames.Write(stream, types, new Tick(3));
        host.WriteFrame(stream, new Note { Text = "second, with ünïcode", Values = [2, 3, int.MinValue] });
        StreamFrames.Write(stream, types, new Tick(4));

        var pipe = new Pipe();
        var ingest = new RingIngest(pipe.Reader, ring.Ring, host);
        Task run = ingest.RunAsync();
        await WriteInChunksAsync(pipe.Writer, stream.WrittenMemory, 5);
        await run;

        // Each note was handed over once every frame before it, and none after it, was in the ring.
        Assert.Equal(2, delivered.Count);
        Assert.Equal(("first", 1), (delivered[0].Text, delivered[0].RingCountThen));
        Assert.Equal([1], delivered[0].Values);
        Assert.Equal(("second, with ünïcode", 3), (delivered[1].Text, delivered[1].RingCountThen));
        Assert.Equal([2, 3, int.MinValue], delivered[1].Values);
        Assert.Equal(4, ingest.FramesWritten);
        Assert.Equal(2, ingest.HostMessagesDelivered);
        Assert.Equal([1L, 2, 3, 4], ring.DrainAll().Select(m => BitConverter.ToInt64(m.Payload)));
    }

    [Fact]
    public async Task A_handler_that_throws_ends_the_ingest_at_its_frame()
    {
        using var ring = new TestRing(64);
        var host = new HostMessageTypes().Add<Note>(NoteId, (note, _) => throw new InvalidOperationException($"refused {note.Text}"));
        var stream = new ArrayBufferWriter<byte>();
        stream.Write(Ticks(3));
        host.WriteFrame(stream, new Note { Text = "n" });
        stream.Write(Ticks(3, first: 3));
        var pipe = new Pipe();
        var ingest = new RingIngest(pipe.Reader, ring.Ring, host);
        Task run = ingest.RunAsync();
        pipe.Writer.Write(stream.WrittenSpan);
        await pipe.Writer.FlushAsync();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Equal("refused n", thrown.Message);
        Assert.Equal(0, ingest.HostMessagesDelivered);
        Assert.Equal(3 * 16, ingest.BytesConsumed);
        Assert.Equal([0L, 1, 2], ring.DrainAll().Select(m => BitConverter.ToInt64(m.Payload)));
    }

    [Fact]
    public void Host_message_types_refuse_a_typeless_resolver_and_ids_the_ring_has()
    {
        Assert.Throws<ArgumentException>(() => new HostMessageTypes(MessagePackSerializerOptions.Standard.WithResolver(TypelessContractlessStandardResolver.Instance)));

        using var ring = new TestRing(8);
        var clash = new HostMessageTypes().Add<Note>(TickId, (_, _) => ValueTask.CompletedTask);
        var error = Assert.Throws<ArgumentException>(() => new RingIngest(new Pipe().Reader, ring.Ring, clash));
        Assert.Contains("both a ring type and a host message type", error.Message);
    }

    [Fact]
    public void Host_message_types_are_fixed_once_an_ingest_uses_them()
    {
        using var ring = new TestRing(8);
        var host = new HostMessageTypes().Add<Note>(NoteId, (_, _) => ValueTask.CompletedTask);
        _ = new RingIngest(new Pipe().Reader, ring.Ring, host);
        Assert.Throws<InvalidOperationException>(() => host.Add<string>(NoteId + 1, (_, _) => ValueTask.CompletedTask));
    }

    /// <summary>A malformed frame after five good ticks (80 bytes), then good ticks that must never arrive.</summary>
    public static TheoryData<string, StreamFrameError, bool> MalformedFrames() => new()
    {
        { "unknown type", StreamFrameError.UnknownType, false },
        { "type id 0", StreamFrameError.UnknownType, false },
        { "wrong size for a fixed type", StreamFrameError.BadLength, false },
        { "longer than a slot", StreamFrameError.BadLength, false },
        { "host message over its limit", StreamFrameError.BadLength, false },
        { "not MessagePack", StreamFrameError.BadPayload, false },
        { "MessagePack with trailing bytes", StreamFrameError.BadPayload, false },
        { "truncated header", StreamFrameError.Truncated, true },
        { "truncated payload", StreamFrameError.Truncated, true },
    };

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public async Task A_malformed_frame_names_its_offset_and_the_stream_ends_there(string defect, StreamFrameError error, bool atEnd)
    {
        const int Before = 5;
        const long Offset = Before * (StreamFrameHeader.Size + sizeof(long));
        var host = new HostMessageTypes(maxPayloadBytes: 100).Add<Note>(NoteId, (_, _) => ValueTask.CompletedTask);
        var stream = new ArrayBufferWriter<byte>();
        stream.Write(Ticks(Before));
        stream.Write(Defect(defect, host));
        if (!atEnd)
            stream.Write(Ticks(5, first: 100));

        using var ring = new TestRing(64);
        var pipe = new Pipe(new PipeOptions(useSynchronizationContext: false));
        var ingest = new RingIngest(pipe.Reader, ring.Ring, host);
        Task run = ingest.RunAsync();
        pipe.Writer.Write(stream.WrittenSpan);
        await pipe.Writer.FlushAsync();
        if (atEnd)
            await pipe.Writer.CompleteAsync();

        var thrown = await Assert.ThrowsAsync<StreamFrameException>(() => run);
        Assert.Equal(Offset, thrown.Offset);
        Assert.Equal(error, thrown.Error);
        Assert.Contains($"byte offset {Offset}", thrown.Message);
        Assert.Equal(Offset, ingest.BytesConsumed);

        // The frames before it are in the ring, nothing after it is, and the reader was completed with
        // the exception: the pipe's writer (a connection's receive loop) gets it at its next flush.
        Assert.Equal([0L, 1, 2, 3, 4], ring.DrainAll().Select(m => BitConverter.ToInt64(m.Payload)));
        if (!atEnd)
            Assert.Same(thrown, await Assert.ThrowsAsync<StreamFrameException>(() => pipe.Writer.FlushAsync().AsTask()));
    }

    private static byte[] Defect(string defect, HostMessageTypes host)
    {
        var bytes = new ArrayBufferWriter<byte>();
        switch (defect)
        {
            case "unknown type":
                StreamFrames.WriteBytes(bytes, 99, new byte[8]);
                break;
            case "type id 0":
                StreamFrames.WriteBytes(bytes, 0, new byte[8]);
                break;
            case "wrong size for a fixed type":
                StreamFrames.WriteBytes(bytes, TickId, new byte[4]);
                break;
            case "longer than a slot":
                StreamFrames.WriteBytes(bytes, BytesId, new byte[SlotSize - MessageHeader.Size + 1]);
                break;
            case "host message over its limit":
                StreamFrames.WriteBytes(bytes, NoteId, new byte[101]);
                break;
            case "not MessagePack":
                StreamFrames.WriteBytes(bytes, NoteId, [0xC1, 0xC1, 0xC1]);
                break;
            case "MessagePack with trailing bytes":
                byte[] note = MessagePackSerializer.Serialize(new Note { Text = "x" }, host.Options);
                StreamFrames.WriteBytes(bytes, NoteId, [.. note, 0x00, 0x00]);
                break;
            case "truncated header":
                bytes.Write(new byte[5]);
                break;
            case "truncated payload":
                new StreamFrameHeader(8, TickId).Write(bytes.GetSpan(StreamFrameHeader.Size));
                bytes.Advance(StreamFrameHeader.Size);
                bytes.Write(new byte[3]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
        }

        return bytes.WrittenSpan.ToArray();
    }
}
