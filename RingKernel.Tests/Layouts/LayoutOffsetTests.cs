using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Layouts;

namespace RingKernel.Tests.Layouts;

/// <summary>
/// Every shared struct's size and every field's offset, from tables written out here by hand: a
/// layout change must be made on purpose, here and in the generated headers, never by accident.
/// </summary>
public sealed class LayoutOffsetTests
{
    [Fact]
    public void MessageHeaderIsExactlyOne64ByteCacheLine()
    {
        Assert.Equal(64, MessageHeader.Size);
        AssertLayout<MessageHeader>(64, new()
        {
            ["MessageId"] = 0,
            ["CorrelationId"] = 8,
            ["Timestamp"] = 16,
            ["Deadline"] = 24,
            ["TypeId"] = 32,
            ["SourceId"] = 36,
            ["DestinationId"] = 40,
            ["PayloadSize"] = 44,
            ["Checksum"] = 48,
            ["Flags"] = 52,
            ["TimestampNode"] = 56,
            ["Reserved"] = 60,
        });
    }

    [Fact]
    public void RingHeaderFieldsAreAtTheirFixedOffsets()
    {
        Assert.Equal(384, RingHeader.Size);
        Assert.Equal(0, RingHeader.ProducerBlockOffset);
        Assert.Equal(128, RingHeader.ConsumerBlockOffset);
        Assert.Equal(256, RingHeader.GeometryBlockOffset);
        AssertLayout<RingHeader>(384, new()
        {
            ["Tail"] = 0,
            ["DroppedCount"] = 8,
            ["ProducerWaiting"] = 64,
            ["Head"] = 128,
            ["ConsumerWaiting"] = 192,
            ["Capacity"] = 256,
            ["SlotSize"] = 260,
            ["Kind"] = 264,
            ["Magic"] = 268,
        });
    }

    [Fact]
    public void ControlBlockFieldsAreAtTheirFixedOffsets()
    {
        Assert.Equal(256, ControlBlock.Size);
        Assert.Equal(0, ControlBlock.HostBlockOffset);
        Assert.Equal(128, ControlBlock.KernelBlockOffset);
        AssertLayout<ControlBlock>(256, new()
        {
            ["Command"] = 0,
            ["KernelId"] = 4,
            ["HostClock"] = 8,
            ["ClockNode"] = 16,
            ["CommandEpoch"] = 20,
            ["Heartbeat"] = 128,
            ["MessagesProcessed"] = 136,
            ["MessagesSent"] = 144,
            ["KernelClock"] = 152,
            ["Status"] = 160,
            ["LastError"] = 164,
            ["ErrorCount"] = 168,
            ["AcknowledgedEpoch"] = 172,
        });
    }

    [Fact]
    public void RouteEntryFieldsAreAtTheirFixedOffsets()
    {
        Assert.Equal(32, RouteEntry.Size);
        AssertLayout<RouteEntry>(32, new()
        {
            ["InboxAddress"] = 0,
            ["NextSequence"] = 8,
            ["TargetKernelId"] = 16,
            ["Direction"] = 20,
            ["InboxCapacity"] = 24,
            ["InboxSlotSize"] = 28,
        });
    }

    [Fact]
    public void HaloMessageHeaderFieldsAreAtTheirFixedOffsets()
    {
        Assert.Equal(32, HaloMessageHeader.Size);
        AssertLayout<HaloMessageHeader>(32, new()
        {
            ["Step"] = 0,
            ["SourceTile"] = 8,
            ["Direction"] = 12,
            ["HaloWidth"] = 16,
            ["ElementCount"] = 20,
            ["ChunkIndex"] = 24,
            ["ChunkCount"] = 28,
        });
    }

    [Fact]
    public void HaloChunkIsItsHeaderThenItsFloatsFillingA1024ByteInboxSlot()
    {
        Assert.Equal(960, HaloChunk.Size);
        Assert.Equal(232, HaloChunk.Capacity);
        Assert.True(MessageHeader.Size + HaloChunk.Size <= HaloChunk.InboxSlotSize);
        AssertLayout<HaloChunk>(960, new()
        {
            ["Header"] = 0,
            ["Data"] = 32,
        });
    }

    [Fact]
    public void SharedEnumsHaveTheirFixedValues()
    {
        Assert.Equal([0u, 1u, 2u, 4u], Enum.GetValues<MessageFlags>().Select(v => (uint)v));
        Assert.Equal([1u, 2u], Enum.GetValues<RingKind>().Select(v => (uint)v));
        Assert.Equal([0u, 1u, 2u], Enum.GetValues<KernelCommand>().Select(v => (uint)v));
        Assert.Equal([0u, 1u, 2u, 3u, 4u], Enum.GetValues<KernelStatus>().Select(v => (uint)v));
        Assert.All(DeviceLayoutCatalog.Enums, e => Assert.Equal(typeof(uint), Enum.GetUnderlyingType(e)));
    }

    /// <summary>Managed and native sizes are <paramref name="size"/>, and the fields are exactly the table's, at its offsets.</summary>
    private static void AssertLayout<T>(int size, Dictionary<string, int> expectedOffsets) where T : unmanaged
    {
        Assert.Equal(size, Unsafe.SizeOf<T>());
        Assert.Equal(size, Marshal.SizeOf<T>());
        var expected = expectedOffsets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();
        var actual = typeof(T).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => (f.Name, (int)Marshal.OffsetOf<T>(f.Name)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
    }
}
