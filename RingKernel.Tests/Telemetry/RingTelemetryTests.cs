using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using RingKernel.Telemetry;
using RingKernel.Tests.Cpu.RingKernels;
using static RingKernel.Tests.Rings.TestRings;

namespace RingKernel.Tests.Telemetry;

/// <summary>The ring instruments report exactly the traffic a ring saw, read from the counters the ring keeps.</summary>
public sealed class RingTelemetryTests
{
    private const int Capacity = 8;
    private const int SlotSize = MessageHeader.Size + 64;

    [Fact]
    public void Enqueued_dequeued_rejected_depth_and_capacity_count_the_traffic_of_the_ring()
    {
        string name = $"ring-{Guid.NewGuid():N}";
        using DeviceBuffer buffer = Allocate(RingKind.SingleProducer, Capacity, SlotSize);
        var ring = new MessageRing(SpscRing.Create(buffer, Capacity, SlotSize));
        ring.Types.Register<Number>(1);
        using var recorder = new TelemetryRecorder(RingKernelTags.RingName, name);
        using IDisposable observed = RingKernelTelemetry.ObserveRing(ring, name);

        for (int i = 0; i < 6; i++)
            ring.Enqueue(new Number(i));

        // Message 2's payload is damaged in the ring: its checksum fails, and the consumer skips it.
        buffer.AsSpan(RingHeader.Size + (2L * SlotSize) + MessageHeader.Size, 1)[0] ^= 0xFF;
        Assert.True(ring.TryDequeue(out Number _, out _));
        Assert.True(ring.TryDequeue(out Number _, out _));
        Assert.Throws<MessageChecksumException>(() => ring.TryDequeue(out Number _, out _));
        Assert.True(ring.TryDequeue(out Number third, out _));
        Assert.Equal(new Number(3), third);

        Assert.Equal(6, recorder.ObserveOne(RingKernelInstruments.RingMessagesEnqueued));
        Assert.Equal(4, recorder.ObserveOne(RingKernelInstruments.RingMessagesDequeued));
        Assert.Equal(1, recorder.ObserveOne(RingKernelInstruments.RingMessagesRejected));
        Assert.Equal(2, recorder.ObserveOne(RingKernelInstruments.RingDepth));
        Assert.Equal(Capacity, recorder.ObserveOne(RingKernelInstruments.RingCapacity));
        Assert.Equal(0, recorder.ObserveOne(RingKernelInstruments.RingBackpressureWaits));
    }

    [Fact]
    public async Task A_producer_that_waits_for_a_full_ring_counts_one_backpressure_wait()
    {
        string name = $"ring-{Guid.NewGuid():N}";
        using DeviceBuffer buffer = Allocate(RingKind.MultiProducer, Capacity, SlotSize);
        var ring = new MessageRing(MpscRing.Create(buffer, Capacity, SlotSize));
        ring.Types.Register<Number>(1);
        using var recorder = new TelemetryRecorder(RingKernelTags.RingName, name);
        using IDisposable observed = RingKernelTelemetry.ObserveRing(ring, name);
        for (int i = 0; i < Capacity; i++)
            ring.Enqueue(new Number(i));

        ValueTask waiting = ring.EnqueueAsync(new Number(Capacity));
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, recorder.ObserveOne(RingKernelInstruments.RingBackpressureWaits));
        Assert.Equal(Capacity, recorder.ObserveOne(RingKernelInstruments.RingDepth));

        Assert.True(ring.TryDequeue(out Number _, out _));
        await waiting;
        Assert.Equal(1, recorder.ObserveOne(RingKernelInstruments.RingBackpressureWaits));
        Assert.Equal(Capacity + 1, recorder.ObserveOne(RingKernelInstruments.RingMessagesEnqueued));
    }

    [Fact]
    public void A_ring_no_longer_observed_reports_nothing()
    {
        string name = $"ring-{Guid.NewGuid():N}";
        using DeviceBuffer buffer = Allocate(RingKind.SingleProducer, Capacity, SlotSize);
        var ring = SpscRing.Create(buffer, Capacity, SlotSize);
        using var recorder = new TelemetryRecorder(RingKernelTags.RingName, name);
        IDisposable observed = RingKernelTelemetry.ObserveRing(ring, name);
        Assert.True(ring.TryEnqueue(Item(1)));
        Assert.Equal(1, recorder.ObserveOne(RingKernelInstruments.RingDepth));

        observed.Dispose();
        Assert.Empty(recorder.Observe(RingKernelInstruments.RingDepth));

        // A slot ring has no message layer, so it reports no rejections.
        using IDisposable again = RingKernelTelemetry.ObserveRing(ring, name);
        Assert.Empty(recorder.Observe(RingKernelInstruments.RingMessagesRejected));
        Assert.Equal(1, recorder.ObserveOne(RingKernelInstruments.RingMessagesEnqueued));
    }
}
