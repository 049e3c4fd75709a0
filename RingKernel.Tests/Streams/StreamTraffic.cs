using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using RingKernel.Rings;
using RingKernel.Streams;

namespace RingKernel.Tests.Streams;

/// <summary>Known traffic for the stream tests: frames as bytes, and what each frame carries.</summary>
public static class StreamTraffic
{
    /// <summary>
    /// <paramref name="count"/> frames cycling through ticks, pairs and raw payloads of varying length,
    /// each value derived from its index, as the stream's bytes and the expected (type id, payload) list.
    /// </summary>
    public static (byte[] Stream, List<(uint TypeId, byte[] Payload)> Frames) Mixed(int count)
    {
        MessageTypeRegistry types = StreamMessages.Types();
        var stream = new ArrayBufferWriter<byte>();
        var frames = new List<(uint, byte[])>(count);
        for (int i = 0; i < count; i++)
        {
            switch (i % 3)
            {
                case 0:
                    var tick = new Tick(i);
                    StreamFrames.Write(stream, types, in tick);
                    frames.Add((StreamMessages.TickId, Bytes(tick)));
                    break;
                case 1:
                    var pair = new Pair(i, i * 0.5, -i);
                    StreamFrames.Write(stream, types, in pair);
                    frames.Add((StreamMessages.PairId, Bytes(pair)));
                    break;
                default:
                    byte[] raw = Enumerable.Range(0, i % 65).Select(b => (byte)(b + i)).ToArray();
                    StreamFrames.WriteBytes(stream, StreamMessages.BytesId, raw);
                    frames.Add((StreamMessages.BytesId, raw));
                    break;
            }
        }

        return (stream.WrittenSpan.ToArray(), frames);
    }

    /// <summary>Ticks 0 to <paramref name="count"/> - 1 as frames.</summary>
    public static byte[] Ticks(int count, int first = 0)
    {
        MessageTypeRegistry types = StreamMessages.Types();
        var stream = new ArrayBufferWriter<byte>();
        for (int i = 0; i < count; i++)
        {
            var tick = new Tick(first + i);
            StreamFrames.Write(stream, types, in tick);
        }

        return stream.WrittenSpan.ToArray();
    }

    public static byte[] Bytes<T>(T value)
        where T : unmanaged => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ToArray();

    /// <summary>Writes <paramref name="bytes"/> in pieces of <paramref name="chunk"/> bytes, flushing each, then completes the writer if asked.</summary>
    public static async Task WriteInChunksAsync(PipeWriter writer, ReadOnlyMemory<byte> bytes, int chunk, bool complete = true)
    {
        for (int offset = 0; offset < bytes.Length; offset += chunk)
        {
            ReadOnlyMemory<byte> piece = bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset));
            writer.Write(piece.Span);
            await writer.FlushAsync();
        }

        if (complete)
            await writer.CompleteAsync();
    }

    /// <summary>Reads every frame until the writer completes, as (type id, payload).</summary>
    public static async Task<List<(uint TypeId, byte[] Payload)>> ReadAllFramesAsync(PipeReader reader)
    {
        var frames = new List<(uint, byte[])>();
        while (true)
        {
            ReadResult result = await reader.ReadAsync();
            ReadOnlySequence<byte> buffer = result.Buffer;
            while (StreamFrames.TryRead(ref buffer, out StreamFrameHeader header, out ReadOnlySequence<byte> payload))
                frames.Add((header.TypeId, payload.ToArray()));
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                Assert.True(buffer.IsEmpty, $"The stream ended inside a frame ({buffer.Length} bytes left).");
                await reader.CompleteAsync();
                return frames;
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after 20 s (a hang, not a timing check).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(1);
        }
    }
}
