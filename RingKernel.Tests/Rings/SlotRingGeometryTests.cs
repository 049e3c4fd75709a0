using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Rings;
using static RingKernel.Tests.Rings.TestRings;

namespace RingKernel.Tests.Rings;

/// <summary>Both ring kinds: the geometry a ring is created with, checked, written into its header and checked again on attach.</summary>
public sealed class SlotRingGeometryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(-8)]
    [InlineData(int.MaxValue)]
    public void Create_refuses_a_capacity_that_is_not_a_power_of_two_of_at_least_two(int capacity)
    {
        using DeviceBuffer buffer = HostMemorySpace.Instance.Allocate(1 << 16);
        foreach (RingKind kind in new[] { RingKind.SingleProducer, RingKind.MultiProducer })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => SlotRing.Create(kind, buffer, capacity, 8));
            Assert.Equal("capacity", error.ParamName);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(-8)]
    public void Create_refuses_a_slot_size_that_is_not_a_positive_multiple_of_8(int slotSize)
    {
        using DeviceBuffer buffer = HostMemorySpace.Instance.Allocate(1 << 16);
        foreach (RingKind kind in new[] { RingKind.SingleProducer, RingKind.MultiProducer })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => SlotRing.Create(kind, buffer, 8, slotSize));
            Assert.Equal("slotSize", error.ParamName);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Create_refuses_a_buffer_one_byte_too_small(RingKind kind)
    {
        long required = SlotRing.RequiredBytes(kind, 16, 24);
        Assert.Equal(RingHeader.Size + (kind == RingKind.MultiProducer ? 16 * 8 : 0) + 16 * 24, required);
        using DeviceBuffer small = HostMemorySpace.Instance.Allocate(required - 1);
        var error = Assert.Throws<ArgumentException>(() => SlotRing.Create(kind, small, 16, 24));
        Assert.Contains("too small", error.Message, StringComparison.Ordinal);

        using DeviceBuffer exact = HostMemorySpace.Instance.Allocate(required);
        Assert.Equal(16, SlotRing.Create(kind, exact, 16, 24).Capacity);
    }

    [Fact]
    public void Attach_refuses_a_buffer_without_a_ring_and_a_ring_of_the_other_kind()
    {
        using DeviceBuffer empty = HostMemorySpace.Instance.Allocate(4096);
        Assert.Contains("magic", Assert.Throws<ArgumentException>(() => SlotRing.Attach(empty)).Message, StringComparison.Ordinal);

        using DeviceBuffer spsc = Allocate(RingKind.SingleProducer, 8, 8);
        SpscRing.Create(spsc, 8, 8);
        Assert.Throws<ArgumentException>(() => MpscRing.Attach(spsc));
        Assert.IsType<SpscRing>(SlotRing.Attach(spsc));

        using DeviceBuffer mpsc = Allocate(RingKind.MultiProducer, 8, 8);
        MpscRing.Create(mpsc, 8, 8);
        Assert.Throws<ArgumentException>(() => SpscRing.Attach(mpsc));
        Assert.IsType<MpscRing>(SlotRing.Attach(mpsc));
    }

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(TestRings))]
    public void Create_writes_the_geometry_into_the_header(RingKind kind)
    {
        using DeviceBuffer buffer = Allocate(kind, 32, 16);
        SlotRing.Create(kind, buffer, 32, 16);
        RingHeader header = buffer.AsRef<RingHeader>(0);
        Assert.Equal((32u, 16u, kind, RingHeader.FormattedMagic, 0UL, 0UL), (header.Capacity, header.SlotSize, header.Kind, header.Magic, header.Head, header.Tail));
    }
}
