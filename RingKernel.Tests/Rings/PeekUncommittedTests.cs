using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;

namespace RingKernel.Tests.Rings;

/// <summary>A consumer that peeks messages one after another before committing them sees each exactly when it is published, whatever order producers publish in.</summary>
public sealed class PeekUncommittedTests
{
    [Theory]
    [MemberData(nameof(TestRings.Kinds), MemberType = typeof(TestRings))]
    public unsafe void Each_message_is_peeked_once_published_and_the_ring_wraps_cleanly(RingKind kind)
    {
        using DeviceBuffer buffer = TestRings.Allocate(kind, 4, 128);
        var types = new MessageTypeRegistry(8);
        types.Register<long>(1);
        var ring = new MessageRing(SlotRing.Create(kind, buffer, 4, 128), types);
        long next = 0;
        for (int lap = 0; lap < 5; lap++)
        {
            for (int i = 0; i < 3; i++)
                Assert.True(ring.TryEnqueue(++next));
            for (int offset = 0; offset < 3; offset++)
                Assert.Equal(next - 2 + offset, *(long*)(ring.PeekUncommitted(offset, out _) + MessageHeader.Size));
            Assert.True(ring.PeekUncommitted(3, out _) == null);
            ring.Commit(3);
        }
    }

    [Fact]
    public unsafe void A_slot_published_ahead_of_an_earlier_claim_is_not_peeked_before_it()
    {
        using DeviceBuffer buffer = TestRings.Allocate(RingKind.MultiProducer, 8, 64);
        var slots = SlotRing.Create(RingKind.MultiProducer, buffer, 8, 64);
        var ring = new MessageRing(slots, checksummed: false);
        Assert.True(slots.TryClaim(out ulong first) != null);
        Assert.True(slots.TryClaim(out ulong second) != null);

        // The second producer publishes first: the consumer, in order, waits for the first.
        slots.Publish(second);
        Assert.True(ring.PeekUncommitted(0, out _) == null);
        slots.Publish(first);
        Assert.True(ring.PeekUncommitted(0, out _) != null);
        Assert.True(ring.PeekUncommitted(1, out _) != null);
        Assert.True(ring.PeekUncommitted(2, out _) == null);
    }
}
