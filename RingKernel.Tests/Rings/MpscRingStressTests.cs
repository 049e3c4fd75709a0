using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using static RingKernel.Tests.Rings.TestRings;

namespace RingKernel.Tests.Rings;

/// <summary>Several producer threads into one multi-producer ring, checked message by message.</summary>
public sealed class MpscRingStressTests
{
    private const int Producers = 4;
    private const uint PerProducer = 1_000_000;

    [Fact]
    public void Four_producers_million_messages_each_arrive_exactly_once_in_per_producer_order()
    {
        using DeviceBuffer buffer = Allocate(RingKind.MultiProducer, 1024, 8);
        MpscRing ring = MpscRing.Create(buffer, 1024, 8);

        var producers = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            Span<byte> item = stackalloc byte[8];
            Span<ulong> batch = stackalloc ulong[8];
            var spinner = new SpinWait();
            for (uint i = 0; i < PerProducer; i++)
            {
                // Even producers send one at a time, odd ones in batches of up to 8, so both claim paths race.
                if (p % 2 == 0)
                {
                    BitConverter.TryWriteBytes(item, ((ulong)p << 32) | i);
                    while (!ring.TryEnqueue(item))
                        spinner.SpinOnce(sleep1Threshold: -1);
                }
                else
                {
                    int size = (int)Math.Min(8, PerProducer - i);
                    for (int k = 0; k < size; k++)
                        batch[k] = ((ulong)p << 32) | (i + (uint)k);
                    int sent = 0;
                    while (sent < size)
                    {
                        int now = ring.TryEnqueueBatch(System.Runtime.InteropServices.MemoryMarshal.AsBytes(batch[sent..size]));
                        sent += now;
                        if (now == 0)
                            spinner.SpinOnce(sleep1Threshold: -1);
                    }

                    i += (uint)size - 1;
                }
            }
        }) { Name = $"producer {p}" }).ToList();

        var checker = new OrderChecker(new uint[Producers]);
        var consumer = new Thread(() =>
        {
            var spinner = new SpinWait();
            while (checker.Total < Producers * (long)PerProducer && checker.Error is null)
            {
                if (ring.Drain(ref checker) == 0)
                    spinner.SpinOnce(sleep1Threshold: -1);
            }
        }) { Name = "consumer" };

        producers.ForEach(t => t.Start());
        consumer.Start();
        producers.ForEach(Join);
        Join(consumer);

        Assert.Null(checker.Error);
        Assert.All(checker.Next, next => Assert.Equal(PerProducer, next));
        Assert.Equal(Producers * (long)PerProducer, checker.Total);
        Assert.Equal(0, ring.Count);
    }

    /// <summary>Each producer's messages must come as 0, 1, 2, …: per-producer order and exactly once.</summary>
    private struct OrderChecker(uint[] next) : ISlotHandler
    {
        public readonly uint[] Next = next;
        public long Total;
        public string? Error;

        public void Handle(ReadOnlySpan<byte> slot)
        {
            ulong value = Value(slot);
            int producer = (int)(value >> 32);
            uint sequence = (uint)value;
            if ((uint)producer >= (uint)Next.Length)
                Error ??= $"message {value:X} names no producer";
            else if (sequence != Next[producer])
                Error ??= $"producer {producer}: expected {Next[producer]}, got {sequence}";
            else
                Next[producer]++;
            Total++;
        }
    }
}
