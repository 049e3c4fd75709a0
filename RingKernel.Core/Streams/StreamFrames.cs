using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Rings;

namespace RingKernel.Streams;

/// <summary>
/// Frames on the far side of the bridges: a client writes what a <see cref="RingIngest"/> reads and
/// reads what a <see cref="RingEgress"/> writes. A blittable payload is the struct's bytes as they lie in
/// memory (and in a ring slot), so both ends must share its definition and byte order.
/// </summary>
public static class StreamFrames
{
    /// <summary>Writes <paramref name="message"/> as one frame under the type id <paramref name="types"/> gives <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not registered.</exception>
    public static void Write<T>(IBufferWriter<byte> destination, MessageTypeRegistry types, in T message)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(types);
        WriteBytes(destination, types.GetTypeId<T>(), MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in message)));
    }

    /// <summary>Writes one frame of <paramref name="typeId"/> carrying <paramref name="payload"/>.</summary>
    public static void WriteBytes(IBufferWriter<byte> destination, uint typeId, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(destination);
        int length = StreamFrameHeader.Size + payload.Length;
        Span<byte> frame = destination.GetSpan(length);
        new StreamFrameHeader((uint)payload.Length, typeId).Write(frame);
        payload.CopyTo(frame[StreamFrameHeader.Size..]);
        destination.Advance(length);
    }

    /// <summary>
    /// Takes the first whole frame off <paramref name="buffer"/>: its header and payload; false, leaving
    /// the buffer as it is, when the buffer does not hold a whole frame yet.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out StreamFrameHeader header, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        header = default;
        StreamFrameHeader read;
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= StreamFrameHeader.Size)
        {
            read = StreamFrameHeader.Read(first);
        }
        else
        {
            if (buffer.Length < StreamFrameHeader.Size)
                return false;
            Span<byte> bytes = stackalloc byte[StreamFrameHeader.Size];
            buffer.Slice(0, StreamFrameHeader.Size).CopyTo(bytes);
            read = StreamFrameHeader.Read(bytes);
        }

        if (buffer.Length < read.FrameLength)
            return false;
        header = read;
        payload = buffer.Slice(StreamFrameHeader.Size, read.PayloadLength);
        buffer = buffer.Slice(read.FrameLength);
        return true;
    }

    /// <summary>A blittable payload as a <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">The payload is not exactly the size of a <typeparamref name="T"/>.</exception>
    public static T Read<T>(in ReadOnlySequence<byte> payload)
        where T : unmanaged
    {
        if (payload.Length != Unsafe.SizeOf<T>())
            throw new ArgumentException($"A {typeof(T).Name} is {Unsafe.SizeOf<T>()} bytes; the payload holds {payload.Length}.", nameof(payload));
        if (payload.IsSingleSegment)
            return MemoryMarshal.Read<T>(payload.FirstSpan);
        T value = default;
        payload.CopyTo(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        return value;
    }
}
