using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using static RingKernel.Tests.Rings.TestRings;

namespace RingKernel.Tests.Rings;

/// <summary>One producer thread and one consumer thread across many wrap-arounds of a small ring.</summary>
public sealed class SpscRingStressTests
{
    private const int Capacity = 16;
    private const ulong Messages = 2_000_000;   // 125,000 laps of the ring

    [Fact]
    public void Single_items_arrive_in_exact_sequence_across_many_wrap_arounds()
    {
        using DeviceBuffer buffer = Allocate(RingKind.SingleProducer, Capacity, 8);
        SpscRing ring = SpscRing.Create(buffer, Capacity, 8);
        ulong expected = 0;
        ulong? mismatch = null;

        var producer = new Thread(() =>
        {
            Span<byte> item = stackalloc byte[8];
            var spinner = new SpinWait();
            for (ulong i = 0; i < Messages; i++)
            {
                BitConverter.TryWriteBytes(item, i);
                while (!ring.TryEnqueue(item))
                    spinner.SpinOnce(sleep1Threshold: -1);
            }
        }) { Name = "producer" };

        var consumer = new Thread(() =>
        {
            Span<byte> slot = stackalloc byte[8];
            var spinner = new SpinWait();
            while (expected < Messages)
            {
                if (!ring.TryDequeue(slot))
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                if (Value(slot) != expected && mismatch is null)
                    mismatch = expected;
                expected++;
            }
        }) { Name = "consumer" };

        producer.Start();
        consumer.Start();
        Join(producer);
        Join(consumer);

        Assert.Null(mismatch);
        Assert.Equal(Messages, expected);
        Assert.Equal(0, ring.Count);
        Assert.Equal(Messages, buffer.AsRef<RingHeader>(0).Head);
    }

    [Fact]
    public void Batches_of_varying_size_arrive_in_exact_sequence_across_many_wrap_arounds()
    {
        using DeviceBuffer buffer = Allocate(RingKind.SingleProducer, Capacity, 8);
        SpscRing ring = SpscRing.Create(buffer, Capacity, 8);
        ulong received = 0;
        ulong? mismatch = null;

        var producer = new Thread(() =>
        {
            var batch = new ulong[Capacity + 3];
            ulong next = 0;
            var spinner = new SpinWait();
            while (next < Messages)
            {
                // Batch sizes cycle through 1..19 so claims straddle the end of the slot array at every offset.
                int size = (int)Math.Min((next % 19) + 1, Messages - next);
                for (int i = 0; i < size; i++)
                    batch[i] = next + (ulong)i;
                int sent = ring.TryEnqueueBatch(System.Runtime.InteropServices.MemoryMarshal.AsBytes(batch.AsSpan(0, size)));
                next += (ulong)sent;
                if (sent == 0)
                    spinner.SpinOnce(sleep1Threshold: -1);
            }
        }) { Name = "producer" };

        var consumer = new Thread(() =>
        {
            var batch = new ulong[7];
            var spinner = new SpinWait();
            while (received < Messages)
            {
                int count = ring.TryDequeueBatch(System.Runtime.InteropServices.MemoryMarshal.AsBytes(batch.AsSpan()));
                if (count == 0)
                    spinner.SpinOnce(sleep1Threshold: -1);
                for (int i = 0; i < count; i++)
                {
                    if (batch[i] != received && mismatch is null)
                        mismatch = received;
                    received++;
                }
            }
        }) { Name = "consumer" };

        producer.Start();
        consumer.Start();
        Join(producer);
        Join(consumer);

        Assert.Null(mismatch);
        Assert.Equal(Messages, received);
        Assert.Equal(0, ring.Count);
    }
}
