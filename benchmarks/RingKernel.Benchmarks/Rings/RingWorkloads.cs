using System.Runtime.InteropServices;
using System.Threading.Channels;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.Benchmarks.Rings;

/// <summary>
/// The work both sides of a ring comparison do: one producer thread sends <c>count</c> messages carrying
/// sequence numbers 0..count-1, one consumer thread receives them all and checks the sum of the
/// sequence numbers (so nothing can be skipped or optimised away). Each method returns the elapsed time.
/// </summary>
public static class RingWorkloads
{
    /// <summary>Ring and channel capacity in messages.</summary>
    public const int Capacity = 4096;

    /// <summary>Messages per batch in the batch workloads.</summary>
    public const int BatchSize = 256;

    /// <summary>A raw slot ring whose slot is exactly the payload; one message per call.</summary>
    public static TimeSpan RawRing<T>(RingKind kind, long count)
        where T : unmanaged, IPayload<T> =>
        WithRing<T>(kind, Marshal.SizeOf<T>(), ring => TwoThreads.Run(
            () =>
            {
                var spinner = new SpinWait();
                for (long i = 0; i < count; i++)
                {
                    T payload = T.Create((ulong)i);
                    ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in payload));
                    while (!ring.TryEnqueue(bytes))
                        TwoThreads.Pause(ref spinner);
                }
            },
            () =>
            {
                var spinner = new SpinWait();
                T payload = default;
                Span<byte> bytes = MemoryMarshal.AsBytes(new Span<T>(ref payload));
                ulong sum = 0;
                for (long i = 0; i < count; i++)
                {
                    while (!ring.TryDequeue(bytes))
                        TwoThreads.Pause(ref spinner);
                    sum += payload.Sequence;
                }

                Check(sum, count);
            }));

    /// <summary>A raw slot ring, <see cref="BatchSize"/> messages per enqueue and per dequeue call.</summary>
    public static TimeSpan RawRingBatch<T>(RingKind kind, long count)
        where T : unmanaged, IPayload<T> =>
        WithRing<T>(kind, Marshal.SizeOf<T>(), ring => TwoThreads.Run(
            () =>
            {
                var spinner = new SpinWait();
                var batch = new T[BatchSize];
                for (long next = 0; next < count;)
                {
                    int size = (int)Math.Min(BatchSize, count - next);
                    for (int k = 0; k < size; k++)
                        batch[k] = T.Create((ulong)(next + k));
                    int sent = 0;
                    while (sent < size)
                    {
                        int now = ring.TryEnqueueBatch(MemoryMarshal.AsBytes(batch.AsSpan(sent, size - sent)));
                        if (now == 0)
                            TwoThreads.Pause(ref spinner);
                        sent += now;
                    }

                    next += size;
                }
            },
            () =>
            {
                var spinner = new SpinWait();
                var batch = new T[BatchSize];
                ulong sum = 0;
                for (long received = 0; received < count;)
                {
                    int got = ring.TryDequeueBatch(MemoryMarshal.AsBytes(batch.AsSpan()));
                    if (got == 0)
                        TwoThreads.Pause(ref spinner);
                    for (int k = 0; k < got; k++)
                        sum += batch[k].Sequence;
                    received += got;
                }

                Check(sum, count);
            }));

    /// <summary>
    /// The message layer: 64-byte header plus payload per slot, typed enqueue one message per call,
    /// consumer draining whatever is readable through a struct handler (validation, optional CRC-32C).
    /// </summary>
    public static TimeSpan MessageRing<T>(RingKind kind, long count, bool checksummed)
        where T : unmanaged, IPayload<T> =>
        WithRing<T>(kind, MessageHeader.Size + Marshal.SizeOf<T>(), slots =>
        {
            var ring = new MessageRing(slots, checksummed);
            ring.Types.Register<T>(1);
            return TwoThreads.Run(
                () =>
                {
                    var spinner = new SpinWait();
                    for (long i = 0; i < count; i++)
                    {
                        T payload = T.Create((ulong)i);
                        while (!ring.TryEnqueue(in payload))
                            TwoThreads.Pause(ref spinner);
                    }
                },
                () =>
                {
                    var spinner = new SpinWait();
                    var handler = new SummingHandler<T>();
                    while (handler.Count < count)
                    {
                        if (ring.Drain(ref handler) == 0)
                            TwoThreads.Pause(ref spinner);
                    }

                    Check(handler.Sum, count);
                });
        });

    /// <summary>
    /// The baseline: a bounded <see cref="Channel{T}"/> of the same capacity, single reader, single or
    /// multiple writers as the ring kind says, driven with TryWrite / TryRead and the same back-off.
    /// </summary>
    public static TimeSpan Channel<T>(bool singleWriter, long count)
        where T : unmanaged, IPayload<T>
    {
        Channel<T> channel = System.Threading.Channels.Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = singleWriter,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        return TwoThreads.Run(
            () =>
            {
                var spinner = new SpinWait();
                for (long i = 0; i < count; i++)
                {
                    while (!channel.Writer.TryWrite(T.Create((ulong)i)))
                        TwoThreads.Pause(ref spinner);
                }
            },
            () =>
            {
                var spinner = new SpinWait();
                ulong sum = 0;
                for (long received = 0; received < count;)
                {
                    if (channel.Reader.TryRead(out T item))
                    {
                        sum += item.Sequence;
                        received++;
                    }
                    else
                    {
                        TwoThreads.Pause(ref spinner);
                    }
                }

                Check(sum, count);
            });
    }

    private static TimeSpan WithRing<T>(RingKind kind, int slotSize, Func<SlotRing, TimeSpan> run)
        where T : unmanaged
    {
        int alignedSlot = (slotSize + SlotRing.SlotAlignment - 1) / SlotRing.SlotAlignment * SlotRing.SlotAlignment;
        using DeviceBuffer buffer = HostMemorySpace.Instance.Allocate(SlotRing.RequiredBytes(kind, Capacity, alignedSlot));
        return run(SlotRing.Create(kind, buffer, Capacity, alignedSlot));
    }

    private static void Check(ulong sum, long count)
    {
        ulong expected = (ulong)count * (ulong)(count - 1) / 2;
        if (sum != expected)
            throw new InvalidOperationException($"The consumer received sequence numbers summing to {sum}, expected {expected}.");
    }

    private struct SummingHandler<T> : IMessageHandler
        where T : unmanaged, IPayload<T>
    {
        public ulong Sum;
        public long Count;

        public void Handle(RingMessage message)
        {
            Sum += message.Get<T>().Sequence;
            Count++;
        }
    }
}
